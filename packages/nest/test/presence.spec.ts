import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PresenceChangePayload, PresenceSnapshotAck } from '@tenantcast/protocol';
import { RealtimeService, type RealtimePresenceOption } from '../src';
import { startRealtimeApp, type TestApp } from './support/apps';
import { startChildNode, type ChildNode } from './support/child-node';
import { ClientPool, connectClient, request } from './support/clients';

import { TEST_SECRET, tokenFor } from './support/tokens';
import { REDIS_URL, collect, deleteKeys, requireRedis, uniquePrefix, waitFor } from '@tenantcast/test-support';

const redisPrefix = uniquePrefix('presence');
const stores: Array<[string, RealtimePresenceOption, string | undefined]> = [
  ['memory', 'memory', undefined],
  ['redis', { store: 'redis', url: REDIS_URL, keyPrefix: redisPrefix }, redisPrefix],
];

for (const [storeName, presence, prefix] of stores) {
  describe(`connected users tracked in the ${storeName} presence store`, () => {
    let server: TestApp;
    let realtime: RealtimeService;
    const clients = new ClientPool(() => server.url);
    const connect = (userId: string, tenantId: string) => clients.connect(userId, tenantId);

    beforeAll(async () => {
      if (prefix) await requireRedis();
      server = await startRealtimeApp({ presence });
      realtime = server.app.get(RealtimeService);
    });
    afterAll(async () => {
      clients.closeAll();
      await server.close();
      if (prefix) await deleteKeys(prefix);
    });

    it('keeps a user with two tabs online until the last tab closes', async () => {
      const tab1 = await connect('two-tabs', 'acme');
      const tab2 = await connect('two-tabs', 'acme');
      expect(await realtime.presence.online('acme')).toEqual([expect.objectContaining({ userId: 'two-tabs', connections: 2 })]);
      tab1.close();
      await waitFor(async () => (await realtime.presence.online('acme'))[0]?.connections === 1, 'one connection left', 2_000);
      expect(await realtime.presence.isOnline('acme', 'two-tabs')).toBe(true);
      tab2.close();
      await waitFor(async () => !(await realtime.presence.isOnline('acme', 'two-tabs')), 'the user to go offline', 2_000);
      expect(await realtime.presence.count('acme')).toBe(0);
    });

    it('answers who is online per tenant, with metadata, and never mixes tenants', async () => {
      await connect('alice', 'initech');
      await connect('bob', 'initech');
      await connect('alice', 'umbrella');
      const online = await realtime.presence.online('initech');
      expect(online.map((member) => member.userId).sort()).toEqual(['alice', 'bob']);
      expect(online.find((member) => member.userId === 'alice')).toMatchObject({ connections: 1, meta: { role: 'engineer', email: 'alice@initech.example' }, since: expect.any(Number) });
      expect(await realtime.presence.count('umbrella')).toBe(1);
    });

    it('tracks who is in a room, per connection', async () => {
      const tab1 = await connect('viewer', 'hooli');
      const tab2 = await connect('viewer', 'hooli');
      await request(tab1, 'join', { kind: 'rca', id: '9' });
      await request(tab2, 'join', { kind: 'rca', id: '9' });
      expect(await realtime.presence.inRoom('hooli', 'rca', '9')).toEqual([expect.objectContaining({ userId: 'viewer', connections: 2 })]);
      await request(tab1, 'leave', { kind: 'rca', id: '9' });
      expect(await realtime.presence.inRoom('hooli', 'rca', '9')).toEqual([expect.objectContaining({ userId: 'viewer', connections: 1 })]);
      tab2.close();
      await waitFor(async () => (await realtime.presence.inRoom('hooli', 'rca', '9')).length === 0, 'the room to empty', 2_000);
    });

    it('gives presence subscribers a snapshot, then online and offline changes without polling', async () => {
      const watcher = await connect('watcher', 'pied-piper');
      const snapshot = await request<PresenceSnapshotAck>(watcher, 'presence-subscribe');
      expect(snapshot).toEqual({ ok: true, members: [expect.objectContaining({ userId: 'watcher' })] });
      const online = collect<PresenceChangePayload>(watcher, 'presence-online');
      const offline = collect<PresenceChangePayload>(watcher, 'presence-offline');
      const tab1 = await connect('richard', 'pied-piper');
      const tab2 = await connect('richard', 'pied-piper');
      tab1.close();
      tab2.close();
      await waitFor(() => offline.length === 1, 'presence-offline', 2_000);
      expect(online.map((change) => change.userId)).toEqual(['richard']);
      expect(offline).toEqual([expect.objectContaining({ tenantId: 'pied-piper', userId: 'richard' })]);
    });
  });
}

describe('Redis presence across processes', () => {
  const prefix = uniquePrefix('presence-nodes');
  const TTL_MS = 1_500;
  const SWEEP_MS = 300;
  let nodeA: TestApp;
  let nodeB: ChildNode | undefined;

  beforeAll(async () => {
    await requireRedis();
    nodeA = await startRealtimeApp({ presence: { store: 'redis', url: REDIS_URL, keyPrefix: prefix, ttlMs: TTL_MS, sweepIntervalMs: SWEEP_MS } });
  });
  afterAll(async () => {
    // Killed here too, so a failed assertion never leaves the child process running.
    await nodeB?.kill9();
    await nodeA.close();
    await deleteKeys(prefix);
  });

  it('counts a user once across processes and drops a killed process’s connections within ttl + sweep interval', async () => {
    nodeB = await startChildNode({ TC_SECRET: TEST_SECRET, TC_REDIS_URL: REDIS_URL, TC_KEY_PREFIX: prefix, TC_TTL_MS: String(TTL_MS), TC_SWEEP_MS: String(SWEEP_MS) });
    const realtime = nodeA.app.get(RealtimeService);
    const watcher = (await connectClient(nodeA.url, '/rca', tokenFor('watcher', 'acme'))).socket;
    await request(watcher, 'presence-subscribe');
    const offline = collect<PresenceChangePayload>(watcher, 'presence-offline');
    const uOnA = (await connectClient(nodeA.url, '/rca', tokenFor('u', 'acme'))).socket;
    await connectClient(nodeB.url, '/rca', tokenFor('u', 'acme'));
    await connectClient(nodeB.url, '/rca', tokenFor('v', 'acme'));
    const members = await realtime.presence.online('acme');
    expect(members.find((member) => member.userId === 'u')?.connections).toBe(2);
    expect(members.find((member) => member.userId === 'v')?.connections).toBe(1);

    const killedAt = Date.now();
    await nodeB.kill9();
    // B's entries stop being refreshed at the kill; they expire after ttl and are swept within one interval.
    await waitFor(() => offline.some((change) => change.userId === 'v'), 'v to go offline', TTL_MS + SWEEP_MS * 2 + 1_000);
    expect(Date.now() - killedAt).toBeLessThanOrEqual(TTL_MS + SWEEP_MS * 2 + 1_000);
    expect(await realtime.presence.isOnline('acme', 'v')).toBe(false);
    const u = (await realtime.presence.online('acme')).find((member) => member.userId === 'u');
    expect(u?.connections).toBe(1);
    expect(offline.map((change) => change.userId)).toEqual(['v']);
    watcher.close();
    uOnA.close();
  });

  it('removes a gracefully closed process’s connections at once, without waiting for the ttl', async () => {
    const realtime = nodeA.app.get(RealtimeService);
    const nodeC = await startRealtimeApp({ presence: { store: 'redis', url: REDIS_URL, keyPrefix: prefix, ttlMs: TTL_MS, sweepIntervalMs: SWEEP_MS } });
    await connectClient(nodeC.url, '/rca', tokenFor('graceful', 'acme'));
    expect(await realtime.presence.isOnline('acme', 'graceful')).toBe(true);
    await nodeC.close();
    expect(await realtime.presence.isOnline('acme', 'graceful')).toBe(false);
  });
});
