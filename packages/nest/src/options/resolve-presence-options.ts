import type { RedisPresenceOptions } from '../presence/redis-presence-options.interface';
import { OptionMessages } from '../realtime.messages';
import type { RealtimePresenceOption } from '../realtime-options.interface';
import type { OptionProblems } from './option-problems';
import type { ResolvedPresenceOptions, ResolvedRedisPresenceOptions } from './resolved-realtime-options';

const DEFAULT_KEY_PREFIX = 'tc:presence';
const DEFAULT_TTL_MS = 30_000;
const PRESENCE_STORE_METHODS = ['addConnection', 'removeConnection', 'joinRoom', 'leaveRoom', 'online', 'count', 'isOnline', 'inRoom', 'sweepExpired', 'isHealthy', 'close'] as const;

/** Validates the `presence` option, Redis settings included, and records every problem. */
export function resolvePresenceOptions(presence: RealtimePresenceOption, problems: OptionProblems): ResolvedPresenceOptions {
  if (presence === 'memory') return { kind: 'memory' };
  if (typeof presence !== 'object' || presence === null) {
    problems.add(OptionMessages.presenceStore());
    return { kind: 'memory' };
  }
  if (presence.store === 'redis') {
    const { store: _kind, ...redis } = presence;
    return { kind: 'redis', redis: resolveRedisPresenceOptions(redis, problems, 'presence.') };
  }
  const store = presence.store as unknown;
  if (typeof store === 'object' && store !== null && PRESENCE_STORE_METHODS.every((method) => typeof (store as Record<string, unknown>)[method] === 'function')) {
    return { kind: 'custom', store: presence.store };
  }
  problems.add(OptionMessages.presenceStore());
  return { kind: 'memory' };
}

/**
 * Validates Redis presence settings and fills in their defaults: a connection `ttlMs` of 30 s,
 * refreshed and swept every `ttlMs / 3`. Used by the module at boot and by `RedisPresenceStore`
 * when it is constructed directly; `path` prefixes option names in messages.
 */
export function resolveRedisPresenceOptions(options: RedisPresenceOptions, problems: OptionProblems, path = ''): ResolvedRedisPresenceOptions {
  const keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  if (typeof keyPrefix !== 'string' || keyPrefix.length === 0 || /[{}]/.test(keyPrefix)) problems.add(OptionMessages.redisKeyPrefix(path));
  const ttlMs = positiveMs(options.ttlMs, DEFAULT_TTL_MS, 'ttlMs', path, problems);
  const derived = Math.max(1, Math.floor(ttlMs / 3));
  const refreshIntervalMs = positiveMs(options.refreshIntervalMs, derived, 'refreshIntervalMs', path, problems);
  const sweepIntervalMs = positiveMs(options.sweepIntervalMs, derived, 'sweepIntervalMs', path, problems);
  if (refreshIntervalMs >= ttlMs) problems.add(OptionMessages.redisRefreshBelowTtl(path, refreshIntervalMs, ttlMs));
  const timers = { keyPrefix, ttlMs, refreshIntervalMs, sweepIntervalMs };
  const { client, url } = options;
  if (client !== undefined && url === undefined) return { ...timers, client };
  if (typeof url === 'string' && url.length > 0 && client === undefined) return { ...timers, url };
  problems.add(OptionMessages.redisConnection(path));
  return { ...timers, url: '' };
}

function positiveMs(value: unknown, fallback: number, option: string, path: string, problems: OptionProblems): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  problems.add(OptionMessages.redisPositiveMs(path, option, value));
  return fallback;
}
