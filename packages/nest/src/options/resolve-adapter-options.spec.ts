import { describe, expect, it } from 'vitest';
import type { AdapterRedisClient } from '../adapter/adapter-options.interface';
import { RealtimeConfigError } from '../errors/realtime-config.error';
import type { RealtimeModuleOptions } from '../realtime-options.interface';
import { resolveRealtimeOptions } from './resolve-realtime-options';

const SECRET = 'x'.repeat(32);
const client = { status: 'ready' } as AdapterRedisClient;
const sharedPresence = { store: 'redis', url: 'redis://x' } as const;

function problemsOf(options: Partial<RealtimeModuleOptions>): readonly string[] {
  try {
    resolveRealtimeOptions({ auth: { secret: SECRET }, ...options } as RealtimeModuleOptions);
  } catch (error) {
    if (error instanceof RealtimeConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the options to be refused');
}

describe('resolving adapter and recovery options', () => {
  it('keeps one process on the in-memory adapter, without recovery, by default', () => {
    const resolved = resolveRealtimeOptions({ auth: { secret: SECRET } });
    expect(resolved.adapter).toEqual({ kind: 'memory' });
    expect(resolved.recovery).toEqual({ enabled: false });
  });

  it('fills in the defaults of each adapter type, from a URL or the app’s own clients', () => {
    expect(resolveRealtimeOptions({ auth: { secret: SECRET }, presence: sharedPresence, adapter: { type: 'redis', url: 'redis://r' } }).adapter).toEqual({
      kind: 'redis',
      sharded: false,
      connection: { source: 'url', url: 'redis://r' },
      keyPrefix: 'socket.io',
      requestsTimeoutMs: 5_000,
    });
    expect(resolveRealtimeOptions({ auth: { secret: SECRET }, presence: sharedPresence, adapter: { type: 'redis', sharded: true, client, subClient: client } }).adapter).toMatchObject({
      kind: 'redis',
      sharded: true,
      connection: { source: 'client', client, subClient: client },
    });
    expect(resolveRealtimeOptions({ auth: { secret: SECRET }, presence: sharedPresence, adapter: { type: 'redis-streams', url: 'redis://r', keyPrefix: 'app' } }).adapter).toEqual({
      kind: 'redis-streams',
      connection: { source: 'url', url: 'redis://r' },
      keyPrefix: 'app',
      requestsTimeoutMs: 5_000,
      maxLen: 10_000,
    });
  });

  it('refuses unknown types, missing or double connections and pattern characters in the prefix', () => {
    expect(problemsOf({ presence: sharedPresence, adapter: { type: 'kafka' } as never })).toEqual([expect.stringMatching(/^adapter\.type must be 'redis'/)]);
    expect(problemsOf({ presence: sharedPresence, adapter: { type: 'redis' } })).toEqual([expect.stringMatching(/^adapter: pass exactly one of `url`/)]);
    expect(problemsOf({ presence: sharedPresence, adapter: { type: 'redis', url: 'redis://r', client } })).toEqual([expect.stringMatching(/^adapter: pass exactly one/)]);
    expect(problemsOf({ presence: sharedPresence, adapter: { type: 'redis-streams', client, subClient: client } })).toEqual([expect.stringMatching(/subClient has no use/)]);
    expect(problemsOf({ presence: sharedPresence, adapter: { type: 'redis', url: 'redis://r', keyPrefix: 'app*' } })).toEqual([expect.stringMatching(/^adapter\.keyPrefix must be/)]);
    expect(problemsOf({ presence: sharedPresence, adapter: { type: 'redis', url: 'redis://r', requestsTimeoutMs: 0 } })).toEqual([expect.stringMatching(/^adapter\.requestsTimeoutMs must be a positive integer/)]);
  });

  it('refuses a cluster adapter with per-process presence, naming the fix', () => {
    expect(problemsOf({ adapter: { type: 'redis', url: 'redis://r' } })).toEqual([expect.stringMatching(/presence is kept in memory, per process.*presence: \{ store: 'redis', url \}/)]);
  });

  it('allows recovery on the in-memory and streams adapters only, and never through serverOptions', () => {
    expect(resolveRealtimeOptions({ auth: { secret: SECRET }, recovery: {} }).recovery).toEqual({ enabled: true, maxDisconnectionMs: 120_000 });
    expect(resolveRealtimeOptions({ auth: { secret: SECRET }, presence: sharedPresence, adapter: { type: 'redis-streams', url: 'redis://r' }, recovery: { maxDisconnectionMs: 5_000 } }).recovery).toEqual({
      enabled: true,
      maxDisconnectionMs: 5_000,
    });
    expect(problemsOf({ presence: sharedPresence, adapter: { type: 'redis', url: 'redis://r' }, recovery: {} })).toEqual([expect.stringMatching(/classic Redis Pub\/Sub adapter cannot recover/)]);
    expect(problemsOf({ presence: sharedPresence, adapter: { type: 'redis', sharded: true, url: 'redis://r' }, recovery: {} })).toEqual([expect.stringMatching(/sharded Redis Pub\/Sub adapter cannot recover/)]);
    expect(problemsOf({ serverOptions: { connectionStateRecovery: {} } })).toEqual([expect.stringMatching(/before the token is checked: use the recovery option/)]);
    expect(problemsOf({ serverOptions: { adapter: (() => undefined) as never } })).toEqual([expect.stringMatching(/use the adapter option/)]);
  });
});
