import type { RateLimitRule, RealtimeLimitsOptions, RealtimeRateLimitOptions } from '../limits/realtime-limits-options.interface';
import { OptionMessages } from '../realtime.messages';
import type { OptionProblems } from './option-problems';
import { optionalPositiveInteger } from './option-values';
import type { ResolvedLimits, ResolvedLimitsStore, ResolvedRateLimits } from './resolved-realtime-options';

/** The documented defaults of {@link RealtimeLimitsOptions}; each one's reason is in its TSDoc. */
export const LIMIT_DEFAULTS = {
  perSocket: { points: 30, duration: 1 },
  perUser: { points: 60, duration: 1 },
  perTenant: { points: 2000, duration: 1 },
  disconnectAfterMs: 10_000,
  maxConnectionsPerUser: 20,
  maxConnectionsPerTenant: 10_000,
  maxRoomsPerSocket: 100,
  maxPayloadDepth: 32,
  maxEmitBytes: 1_048_576,
  keyPrefix: 'tc:limits',
} as const;

/** Validates `limits` and fills in every default. */
export function resolveLimitsOptions(limits: RealtimeLimitsOptions | undefined, problems: OptionProblems): ResolvedLimits {
  const given = limits ?? {};
  if (typeof given !== 'object' || given === null) problems.add(OptionMessages.limitsType());
  const options = typeof given === 'object' && given !== null ? given : {};
  return {
    rateLimit: resolveRateLimits(options.rateLimit, problems),
    maxConnectionsPerUser: cap('limits.maxConnectionsPerUser', options.maxConnectionsPerUser, LIMIT_DEFAULTS.maxConnectionsPerUser, problems),
    maxConnectionsPerTenant: cap('limits.maxConnectionsPerTenant', options.maxConnectionsPerTenant, LIMIT_DEFAULTS.maxConnectionsPerTenant, problems),
    maxRoomsPerSocket: optionalPositiveInteger('limits.maxRoomsPerSocket', options.maxRoomsPerSocket, LIMIT_DEFAULTS.maxRoomsPerSocket, problems),
    maxPayloadDepth: optionalPositiveInteger('limits.maxPayloadDepth', options.maxPayloadDepth, LIMIT_DEFAULTS.maxPayloadDepth, problems),
    maxEmitBytes: optionalPositiveInteger('limits.maxEmitBytes', options.maxEmitBytes, LIMIT_DEFAULTS.maxEmitBytes, problems),
    store: resolveStore(options.store, problems),
  };
}

function resolveRateLimits(rateLimit: RealtimeRateLimitOptions | false | undefined, problems: OptionProblems): ResolvedRateLimits | undefined {
  if (rateLimit === false) return undefined;
  const options = rateLimit ?? {};
  return {
    perSocket: rule('limits.rateLimit.perSocket', options.perSocket, LIMIT_DEFAULTS.perSocket, problems),
    perUser: rule('limits.rateLimit.perUser', options.perUser, LIMIT_DEFAULTS.perUser, problems),
    perTenant: rule('limits.rateLimit.perTenant', options.perTenant, LIMIT_DEFAULTS.perTenant, problems),
    disconnectAfterMs: optionalPositiveInteger('limits.rateLimit.disconnectAfterMs', options.disconnectAfterMs, LIMIT_DEFAULTS.disconnectAfterMs, problems),
  };
}

function rule(name: string, value: RateLimitRule | false | undefined, fallback: RateLimitRule, problems: OptionProblems): RateLimitRule | undefined {
  if (value === false) return undefined;
  if (value === undefined) return { ...fallback };
  const valid =
    typeof value === 'object' && value !== null && Number.isInteger(value.points) && value.points > 0 && Number.isInteger(value.duration) && value.duration >= 1;
  if (valid) return { points: value.points, duration: value.duration };
  problems.add(OptionMessages.rateLimitRule(name, value));
  return { ...fallback };
}

function cap(name: string, value: number | false | undefined, fallback: number, problems: OptionProblems): number | undefined {
  if (value === false) return undefined;
  if (value === undefined) return fallback;
  if (Number.isInteger(value) && value > 0) return value;
  problems.add(OptionMessages.capOption(name, value));
  return fallback;
}

function resolveStore(store: RealtimeLimitsOptions['store'], problems: OptionProblems): ResolvedLimitsStore {
  if (store === undefined || store === 'memory') return { kind: 'memory' };
  if (typeof store !== 'object' || store === null) {
    problems.add(OptionMessages.limitsStore());
    return { kind: 'memory' };
  }
  const keyPrefix = store.keyPrefix ?? LIMIT_DEFAULTS.keyPrefix;
  if (typeof keyPrefix !== 'string' || keyPrefix.length === 0 || /[{}]/.test(keyPrefix)) problems.add(OptionMessages.limitsKeyPrefix());
  if (typeof store.redis === 'string' && store.redis.length > 0) return { kind: 'redis', keyPrefix, url: store.redis };
  if (typeof store.redis === 'object' && store.redis !== null && typeof store.redis.defineCommand === 'function') return { kind: 'redis', keyPrefix, client: store.redis };
  problems.add(OptionMessages.limitsStore());
  return { kind: 'memory' };
}
