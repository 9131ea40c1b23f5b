import type { RealtimeAdapterOption, RealtimeRecoveryOptions } from '../adapter/adapter-options.interface';
import { OptionMessages } from '../realtime.messages';
import type { OptionProblems } from './option-problems';
import { optionalPositiveInteger } from './option-values';
import type { ResolvedAdapterConnection, ResolvedAdapterOptions, ResolvedPresenceOptions, ResolvedRecoveryOptions } from './resolved-realtime-options';

const ADAPTER_TYPES: ReadonlySet<unknown> = new Set(['redis', 'redis-streams']);
/** Glob characters would act as patterns in `PSUBSCRIBE`; braces would pick a Cluster slot. */
const KEY_PREFIX_PATTERN = /^[^*?[\]\\{}\s]+$/;

/** Validates `adapter`; absent means one process on Socket.IO's in-memory adapter. */
export function resolveAdapterOptions(adapter: RealtimeAdapterOption | undefined, problems: OptionProblems): ResolvedAdapterOptions {
  if (adapter === undefined) return { kind: 'memory' };
  if (typeof adapter !== 'object' || adapter === null || !ADAPTER_TYPES.has(adapter.type)) {
    problems.add(OptionMessages.adapterType((adapter as { type?: unknown } | null)?.type));
    return { kind: 'memory' };
  }
  const connection = resolveConnection(adapter, problems);
  const keyPrefix = adapter.keyPrefix ?? 'socket.io';
  if (typeof keyPrefix !== 'string' || !KEY_PREFIX_PATTERN.test(keyPrefix)) problems.add(OptionMessages.adapterKeyPrefix(keyPrefix));
  const requestsTimeoutMs = optionalPositiveInteger('adapter.requestsTimeoutMs', adapter.requestsTimeoutMs, 5_000, problems);
  if (adapter.type === 'redis') {
    return { kind: 'redis', sharded: adapter.sharded === true, connection, keyPrefix, requestsTimeoutMs };
  }
  const maxLen = optionalPositiveInteger('adapter.maxLen', adapter.maxLen, 10_000, problems);
  return { kind: 'redis-streams', connection, keyPrefix, requestsTimeoutMs, maxLen };
}

/** Validates `recovery` against the adapter: only the in-memory and streams adapters can recover. */
export function resolveRecoveryOptions(
  recovery: RealtimeRecoveryOptions | undefined,
  adapter: ResolvedAdapterOptions,
  problems: OptionProblems,
): ResolvedRecoveryOptions {
  if (recovery === undefined) return { enabled: false };
  if (typeof recovery !== 'object' || recovery === null) {
    problems.add(OptionMessages.recoveryType());
    return { enabled: false };
  }
  if (adapter.kind === 'redis') problems.add(OptionMessages.recoveryNeedsStreams(adapter.sharded));
  return { enabled: true, maxDisconnectionMs: optionalPositiveInteger('recovery.maxDisconnectionMs', recovery.maxDisconnectionMs, 120_000, problems) };
}

/**
 * Several processes share events through the adapter; presence kept per process would then count
 * each process's users only and announce them once per process.
 */
export function checkPresenceFitsAdapter(adapter: ResolvedAdapterOptions, presence: ResolvedPresenceOptions, problems: OptionProblems): void {
  if (adapter.kind !== 'memory' && presence.kind === 'memory') problems.add(OptionMessages.adapterNeedsSharedPresence(adapter.kind));
}

function resolveConnection(adapter: RealtimeAdapterOption, problems: OptionProblems): ResolvedAdapterConnection {
  const { url, client, subClient } = adapter;
  if (url !== undefined && client === undefined && subClient === undefined && typeof url === 'string' && url.length > 0) return { source: 'url', url };
  if (client !== undefined && url === undefined && typeof client === 'object' && client !== null) {
    if (subClient !== undefined && adapter.type === 'redis-streams') problems.add(OptionMessages.adapterSubClientWithStreams());
    return { source: 'client', client, subClient };
  }
  problems.add(OptionMessages.adapterConnection());
  return { source: 'url', url: '' };
}
