import { freePort } from '@tenantcast/test-support';
import * as vitest from 'vitest';
import { MetricsProbe } from '../../test/support/metrics-probe';
import { MemoryPresenceStore } from '../presence/memory-presence.store';
import { RedisPresenceStore } from '../presence/redis-presence.store';
import { describePresenceStoreContract } from '../testing/presence-store.contract';
import { InstrumentedPresenceStore } from './instrumented-presence-store';
import { METER_NAME, RealtimeMetrics } from './realtime-metrics';
import { TenantLabels } from './tenant-labels';

const { afterAll, describe, expect, it } = vitest;
const probe = new MetricsProbe();
const metrics = new RealtimeMetrics(probe.provider.getMeter(METER_NAME), new TenantLabels({ kind: 'none' }));
afterAll(() => probe.shutdown());

// The decorator answers exactly as the store it wraps: the whole contract holds through it.
describePresenceStoreContract('memory, instrumented', () => new InstrumentedPresenceStore(new MemoryPresenceStore(), metrics), { test: vitest });

describe('InstrumentedPresenceStore', () => {
  it('times every operation by name and store', async () => {
    const before = await probe.count('tenantcast.presence.operation.duration', { operation: 'joinRoom', store: 'memory' });
    const store = new InstrumentedPresenceStore(new MemoryPresenceStore(), metrics);
    await store.addConnection({ tenantId: 'acme', userId: 'u1', connectionId: 'c1', meta: {} });
    await store.joinRoom('acme', 'u1', 'c1', { kind: 'rca', id: '42' });
    await store.joinRoom('acme', 'u1', 'c1', { kind: 'rca', id: '43' });
    expect(await store.online('acme')).toHaveLength(1);
    expect(await probe.count('tenantcast.presence.operation.duration', { operation: 'joinRoom', store: 'memory' })).toBe(before + 2);
    await store.close();
  });

  it('counts a failed operation as an error and fails with the store\'s own error', async () => {
    const store = new RedisPresenceStore({ url: `redis://127.0.0.1:${await freePort()}`, keyPrefix: 'tc:never' });
    const wrapped = new InstrumentedPresenceStore(store, metrics);
    expect(wrapped.sweepIntervalMs).toBe(store.sweepIntervalMs);
    expect(typeof wrapped.onConnectionsLost).toBe('function');
    const failure = await wrapped.count('acme').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(await probe.sum('tenantcast.presence.operation.errors', { operation: 'count', store: 'redis' })).toBe(1);
    expect(await probe.count('tenantcast.presence.operation.duration', { operation: 'count', store: 'redis' })).toBe(1);
    await wrapped.close();
  });

  it('has no connections-lost hook when the store it wraps has none', () => {
    expect(new InstrumentedPresenceStore(new MemoryPresenceStore(), metrics).onConnectionsLost).toBeUndefined();
  });
});
