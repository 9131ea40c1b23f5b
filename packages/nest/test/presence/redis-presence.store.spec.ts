import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { Redis } from 'ioredis';
import * as vitest from 'vitest';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { connectionRoomsKey, roomMember, roomMembersKey, tenantIndexKey, tenantKeys, userKey } from '../../src/presence/presence-keys';
import type { ExpiredPresence, PresenceRoomRef, PresenceStore } from '../../src/presence/presence-store.interface';
import { describePresenceStoreContract } from '../../src/testing/presence-store.contract';
import type { RedisPresenceClient, RedisPresenceOptions } from '../../src/presence/redis-presence-options.interface';
import { DELETIONS_PER_CALL, RedisPresenceStore } from '../../src/presence/redis-presence.store';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
/** Every key of this run lives under this prefix and is deleted at the end. */
const RUN_PREFIX = `tc-test:${process.pid}:${Date.now()}`;

/** Scaled-down presence timers; every bound below is a formula of these. */
const ttlMs = 600;
const refreshIntervalMs = 200;
const sweepIntervalMs = 200;
/** How often conditions are polled while waiting for a bound. */
const POLL_MS = 25;

let admin: Redis;
/** Set when no Redis answers; every test then fails with it rather than being skipped. */
let unreachable: Error | undefined;

beforeAll(async () => {
  admin = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
  admin.on('error', () => undefined);
  try {
    await admin.connect();
    await admin.ping();
  } catch (error) {
    unreachable = new Error(
      `The Redis presence tests need a Redis server at ${REDIS_URL}; start redis-server or set REDIS_URL ` +
        `(connecting failed: ${error instanceof Error ? error.message : String(error)}).`,
    );
  }
});

beforeEach(() => {
  if (unreachable) throw unreachable;
});

afterAll(async () => {
  if (admin.status !== 'ready') return;
  const keys = await admin.keys(`${RUN_PREFIX}:*`);
  if (keys.length > 0) await admin.del(...keys);
  await admin.quit();
});

describePresenceStoreContract('redis', () => new RedisPresenceStore({ url: REDIS_URL, keyPrefix: `${RUN_PREFIX}:contract` }), { test: vitest });

describe('RedisPresenceStore', () => {
  const prefix = `${RUN_PREFIX}:store`;
  const stores: PresenceStore[] = [];
  let tenant: string;

  /** A store on the shared admin client, as one process of a cluster would have. */
  function makeStore(options: Partial<RedisPresenceOptions> = {}): RedisPresenceStore {
    const store = new RedisPresenceStore({ client: admin, keyPrefix: prefix, ttlMs, refreshIntervalMs, sweepIntervalMs, ...options });
    stores.push(store);
    return store;
  }

  /**
   * A store that added connections and then stopped refreshing them, like a killed process;
   * resolves when its last write had landed.
   */
  async function killedStoreWith(connections: Array<{ userId: string; connectionId: string; rooms?: string[] }>): Promise<number> {
    const store = makeStore();
    for (const { userId, connectionId, rooms = [] } of connections) {
      await store.addConnection({ tenantId: tenant, userId, connectionId, meta: { role: userId } });
      for (const id of rooms) await store.joinRoom(tenant, userId, connectionId, { kind: 'rca', id });
    }
    await store.close();
    return Date.now();
  }

  /** Sweeps with `sweepers` every `sweepIntervalMs` until `done` holds for this test's reports. */
  async function sweepUntil(sweepers: PresenceStore[], boundMs: number, done: (swept: ExpiredPresence[]) => boolean): Promise<ExpiredPresence[]> {
    const swept: ExpiredPresence[] = [];
    await within(boundMs, async () => {
      const rounds = await Promise.all(sweepers.map((sweeper) => sweeper.sweepExpired()));
      swept.push(...rounds.flat().filter((expired) => expired.tenantId === tenant));
      return done(swept);
    }, sweepIntervalMs);
    return swept;
  }

  beforeEach(() => {
    tenant = `tenant-${randomUUID().slice(0, 8)}`;
  });
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((store) => store.close()));
  });

  it('a refreshing store keeps its connections online for several ttlMs', async () => {
    const live = makeStore();
    await live.addConnection({ tenantId: tenant, userId: 'u', connectionId: 'u1', meta: {} });
    const until = Date.now() + 3 * ttlMs;
    while (Date.now() < until) {
      expect(await live.isOnline(tenant, 'u')).toBe(true);
      await delay(POLL_MS);
    }
    expect((await live.sweepExpired()).filter((expired) => expired.tenantId === tenant)).toEqual([]);
  });

  it('connections of a store that stops refreshing stop counting within ttlMs and are swept within ttlMs + sweepIntervalMs', async () => {
    const observer = makeStore();
    const lastWrite = await killedStoreWith([{ userId: 'v', connectionId: 'v1', rooms: ['1'] }]);

    await within(lastWrite + ttlMs - Date.now(), async () => !(await observer.isOnline(tenant, 'v')));
    expect(await observer.count(tenant)).toBe(0);
    expect(await observer.online(tenant)).toEqual([]);
    expect(await observer.inRoom(tenant, 'rca', '1')).toEqual([]);

    const swept = await sweepUntil([observer], lastWrite + ttlMs + sweepIntervalMs - Date.now(), (s) => s.length > 0);
    expect(swept).toEqual([{ tenantId: tenant, userId: 'v', wentOffline: true, roomsLeft: [{ kind: 'rca', id: '1' }], meta: { role: 'v' } }]);
    const keys = tenantKeys(prefix, tenant);
    expect(await admin.exists(userKey(keys, 'v'), keys.connections, keys.expiries, keys.users, keys.profiles)).toBe(0);
  });

  it('a user with a live tab on store A and expired tabs on store B stays online with connections = 1', async () => {
    const storeA = makeStore();
    await storeA.addConnection({ tenantId: tenant, userId: 'u', connectionId: 'a1', meta: { role: 'u' } });
    await storeA.joinRoom(tenant, 'u', 'a1', { kind: 'rca', id: '1' });
    const lastWrite = await killedStoreWith([
      { userId: 'u', connectionId: 'b1', rooms: ['1', '2'] },
      { userId: 'u', connectionId: 'b2', rooms: ['2'] },
      { userId: 'v', connectionId: 'b3', rooms: ['2'] },
    ]);
    expect((await storeA.online(tenant)).find((m) => m.userId === 'u')?.connections).toBe(3);

    await within(lastWrite + ttlMs - Date.now(), async () => {
      expect(await storeA.isOnline(tenant, 'u')).toBe(true);
      return (await storeA.count(tenant)) === 1;
    });
    expect(await storeA.online(tenant)).toEqual([expect.objectContaining({ userId: 'u', connections: 1 })]);
    expect(await storeA.inRoom(tenant, 'rca', '1')).toEqual([expect.objectContaining({ userId: 'u', connections: 1 })]);
    expect(await storeA.inRoom(tenant, 'rca', '2')).toEqual([]);

    const swept = await sweepUntil([storeA], lastWrite + ttlMs + sweepIntervalMs - Date.now(), (s) => s.length >= 2);
    expect(sortByUser(swept)).toEqual([
      { tenantId: tenant, userId: 'u', wentOffline: false, roomsLeft: [{ kind: 'rca', id: '2' }], meta: { role: 'u' } },
      { tenantId: tenant, userId: 'v', wentOffline: true, roomsLeft: [{ kind: 'rca', id: '2' }], meta: { role: 'v' } },
    ]);
    expect(await storeA.isOnline(tenant, 'u')).toBe(true);
    const keys = tenantKeys(prefix, tenant);
    expect(await admin.exists(userKey(keys, 'v'))).toBe(0);
    expect(await admin.zscore(keys.users, 'v')).toBeNull();
    expect(await admin.hget(keys.profiles, 'v')).toBeNull();
    expect(await admin.hkeys(keys.connections)).toEqual(['a1']);
  });

  it('two stores sweeping concurrently report each expired user exactly once', async () => {
    const users = Array.from({ length: 30 }, (_, i) => `user${i}`);
    const lastWrite = await killedStoreWith(
      users.flatMap((userId, i) => [
        { userId, connectionId: `${userId}-tab1`, rooms: [String(i % 3)] },
        ...(i % 2 === 0 ? [{ userId, connectionId: `${userId}-tab2`, rooms: ['shared'] }] : []),
      ]),
    );
    const sweeperA = makeStore();
    const sweeperB = makeStore();

    const swept = await sweepUntil([sweeperA, sweeperB, sweeperA, sweeperB], lastWrite + ttlMs + sweepIntervalMs - Date.now(), (s) => s.length >= users.length);
    // One more round after everything was reported: nobody reports anything twice.
    swept.push(...(await Promise.all([sweeperA.sweepExpired(), sweeperB.sweepExpired()])).flat().filter((e) => e.tenantId === tenant));

    expect(swept.map((expired) => expired.userId).sort()).toEqual([...users].sort());
    expect(swept.every((expired) => expired.wentOffline)).toBe(true);
    const shared = swept.filter((expired) => expired.roomsLeft.some((room) => room.id === 'shared'));
    expect(shared).toHaveLength(users.length / 2);
    expect(await sweeperA.count(tenant)).toBe(0);
  });

  it('a tenant left without connections leaves the sweep index within ttlMs + sweepIntervalMs', async () => {
    const store = makeStore();
    await store.addConnection({ tenantId: tenant, userId: 'u', connectionId: 'u1', meta: {} });
    const lastWrite = Date.now();
    expect(await admin.zscore(tenantIndexKey(prefix), tenant)).not.toBeNull();
    await store.removeConnection(tenant, 'u', 'u1');
    await within(lastWrite + ttlMs + sweepIntervalMs - Date.now(), async () => {
      await store.sweepExpired();
      return (await admin.zscore(tenantIndexKey(prefix), tenant)) === null;
    }, sweepIntervalMs);
  });

  it('a refresh never re-creates a connection that was removed, whichever runs first', async () => {
    const owner = makeStore();
    const other = makeStore();
    const keys = tenantKeys(prefix, tenant);
    for (const connectionId of ['c1', 'c2', 'c3']) {
      await owner.addConnection({ tenantId: tenant, userId: 'u', connectionId, meta: {} });
    }
    // Removed by another process (as the sweep does for a stalled one), then refreshed by the owner.
    await other.removeConnection(tenant, 'u', 'c1');
    await owner.refresh();
    // Refresh and remove in flight together, in both orders.
    await Promise.all([owner.refresh(), other.removeConnection(tenant, 'u', 'c2')]);
    await Promise.all([other.removeConnection(tenant, 'u', 'c3'), owner.refresh()]);
    await owner.refresh();

    expect(await owner.isOnline(tenant, 'u')).toBe(false);
    expect(await admin.exists(keys.connections, keys.expiries, keys.users, userKey(keys, 'u'))).toBe(0);
  });

  it('every key carries the {tenantId} hash tag and the key prefix', async () => {
    const store = makeStore();
    const other = `tenant-${randomUUID().slice(0, 8)}`;
    for (const tenantId of [tenant, other]) {
      await store.addConnection({ tenantId, userId: 'u', connectionId: `${tenantId}-c`, meta: {} });
      await store.joinRoom(tenantId, 'u', `${tenantId}-c`, { kind: 'rca', id: '42' });
    }
    const keys = await admin.keys(`${prefix}:*`);
    const ofTenant = (tenantId: string) => keys.filter((key) => key.startsWith(`${prefix}:{${tenantId}}:`));
    expect(ofTenant(tenant).length).toBeGreaterThanOrEqual(7);
    expect(ofTenant(other)).toHaveLength(ofTenant(tenant).length);
    for (const key of keys) {
      expect(key === tenantIndexKey(prefix) || /^[^{}]*\{tenant-[0-9a-f]{8}\}:[^{}]*$/.test(key.slice(prefix.length))).toBe(true);
    }
  });

  it('expiry and since come from Redis TIME, not from the node clock', async () => {
    const store = makeStore();
    const realBefore = Math.floor(performance.timeOrigin + performance.now());
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(realBefore - 5 * 60_000);
      await store.addConnection({ tenantId: tenant, userId: 'early', connectionId: 'e1', meta: {} });
      vi.setSystemTime(realBefore + 5 * 60_000);
      await store.addConnection({ tenantId: tenant, userId: 'late', connectionId: 'l1', meta: {} });
    } finally {
      vi.useRealTimers();
    }
    const realAfter = Date.now();
    const members = await store.online(tenant);
    expect(members.map((m) => m.userId).sort()).toEqual(['early', 'late']);
    for (const { since } of members) {
      expect(since).toBeGreaterThanOrEqual(realBefore);
      expect(since).toBeLessThanOrEqual(realAfter);
    }
    const expiries = await admin.zrange(tenantKeys(prefix, tenant).expiries, 0, -1, 'WITHSCORES');
    for (const expiry of [expiries[1], expiries[3]].map(Number)) {
      expect(expiry).toBeGreaterThanOrEqual(realBefore + ttlMs);
      expect(expiry).toBeLessThanOrEqual(realAfter + ttlMs);
    }
  });

  it('each operation is one script call; a refresh of many connections is one call per tenant plus one for the index', async () => {
    const calls: string[] = [];
    const client: RedisPresenceClient = {
      evalsha: (sha, numKeys, ...args) => {
        calls.push('evalsha');
        return admin.evalsha(sha, numKeys, ...args);
      },
      eval: (script, numKeys, ...args) => {
        calls.push('eval');
        return admin.eval(script, numKeys, ...args);
      },
      ping: () => admin.ping(),
      quit: () => admin.quit(),
    };
    const store = makeStore({ client });
    const other = `tenant-${randomUUID().slice(0, 8)}`;
    const measure = async (operation: () => Promise<unknown>) => {
      await operation(); // loads the script into Redis's cache if this run had not used it yet
      calls.length = 0;
      await operation();
      return calls.filter((call) => call === 'evalsha').length;
    };
    expect(await measure(() => store.addConnection({ tenantId: tenant, userId: 'u', connectionId: 'c0', meta: {} }))).toBe(2);
    expect(await measure(() => store.joinRoom(tenant, 'u', 'c0', { kind: 'rca', id: '1' }))).toBe(1);
    expect(await measure(() => store.leaveRoom(tenant, 'u', 'c0', { kind: 'rca', id: '1' }))).toBe(1);
    expect(await measure(() => store.removeConnection(tenant, 'u', 'c0'))).toBe(1);
    for (const tenantId of [tenant, other]) {
      for (let i = 0; i < 50; i++) await store.addConnection({ tenantId, userId: `u${i % 10}`, connectionId: `${tenantId}-c${i}`, meta: {} });
    }
    expect(await measure(() => store.refresh())).toBe(3);
    expect(calls).not.toContain('eval');
  });

  /**
   * A client on the admin connection that counts, around each script call on this test's tenant,
   * how many of `connections` and their room memberships the call deleted. Calls run one after
   * another here, so each difference is exactly that call's work.
   */
  function deletionCounter(connections: string[]): { client: RedisPresenceClient; deletions: number[] } {
    const keys = tenantKeys(prefix, tenant);
    const stored = async () => {
      let total = 0;
      for (const connectionId of connections) {
        total += (await admin.scard(connectionRoomsKey(keys, connectionId))) + (await admin.hexists(keys.connections, connectionId));
      }
      return total;
    };
    const deletions: number[] = [];
    const counted = async (call: () => Promise<unknown>, firstKey: unknown) => {
      if (firstKey !== keys.connections) return call();
      const before = await stored();
      const reply = await call();
      deletions.push(before - (await stored()));
      return reply;
    };
    const client: RedisPresenceClient = {
      evalsha: (sha, numKeys, ...args) => counted(() => admin.evalsha(sha, numKeys, ...args), args[0]),
      eval: (body, numKeys, ...args) => counted(() => admin.eval(body, numKeys, ...args), args[0]),
      ping: () => admin.ping(),
      quit: () => admin.quit(),
    };
    return { client, deletions };
  }

  const rcaRooms = (from: number, to: number): PresenceRoomRef[] => Array.from({ length: to - from }, (_, i) => ({ kind: 'rca', id: String(from + i) }));
  const byRoomId = (rooms: PresenceRoomRef[]) => rooms.map((room) => Number(room.id)).sort((a, b) => a - b);

  it('removes a socket in more rooms than one call may delete in several calls, each within DELETIONS_PER_CALL, reporting each room left once', async () => {
    const rooms = 2 * DELETIONS_PER_CALL + 7;
    const shared = 10;
    const { client, deletions } = deletionCounter(['many']);
    const store = makeStore({ client });
    await store.addConnection({ tenantId: tenant, userId: 'u', connectionId: 'many', meta: { role: 'u' } });
    await store.addConnection({ tenantId: tenant, userId: 'u', connectionId: 'few', meta: { role: 'u' } });
    await Promise.all(rcaRooms(0, rooms).map((room) => store.joinRoom(tenant, 'u', 'many', room)));
    for (const room of rcaRooms(0, shared)) await store.joinRoom(tenant, 'u', 'few', room);
    deletions.length = 0;

    const removal = await store.removeConnection(tenant, 'u', 'many');
    expect(removal.wentOffline).toBe(false);
    expect(removal.meta).toEqual({ role: 'u' });
    expect(byRoomId(removal.roomsLeft)).toEqual(byRoomId(rcaRooms(shared, rooms)));
    // Every room membership and the connection itself, spread over calls of at most the budget.
    expect(deletions.reduce((sum, n) => sum + n, 0)).toBe(rooms + 1);
    expect(deletions.length).toBe(Math.ceil((rooms + 1) / DELETIONS_PER_CALL));
    expect(Math.max(...deletions)).toBeLessThanOrEqual(DELETIONS_PER_CALL);

    const keys = tenantKeys(prefix, tenant);
    expect(await admin.exists(connectionRoomsKey(keys, 'many'), roomMembersKey(keys, roomMember({ kind: 'rca', id: String(rooms - 1) })))).toBe(0);
    expect(await store.inRoom(tenant, 'rca', '0')).toEqual([expect.objectContaining({ userId: 'u', connections: 1 })]);
    expect(await store.inRoom(tenant, 'rca', String(shared))).toEqual([]);
    expect((await store.online(tenant)).map((member) => [member.userId, member.connections])).toEqual([['u', 1]]);
    const last = await store.removeConnection(tenant, 'u', 'few');
    expect(last.wentOffline).toBe(true);
    expect(byRoomId(last.roomsLeft)).toEqual(byRoomId(rcaRooms(0, shared)));
  });

  it('sweeps dead connections with more room memberships than one call may delete in calls within DELETIONS_PER_CALL, one report per user', async () => {
    const rooms = DELETIONS_PER_CALL + 100;
    const users = ['v1', 'v2', 'v3'];
    const { client, deletions } = deletionCounter(users.map((userId) => `${userId}-tab`));
    const killed = makeStore();
    for (const userId of users) {
      await killed.addConnection({ tenantId: tenant, userId, connectionId: `${userId}-tab`, meta: { role: userId } });
      await Promise.all(rcaRooms(0, rooms).map((room) => killed.joinRoom(tenant, userId, `${userId}-tab`, room)));
    }
    await killed.close();
    const lastWrite = Date.now();
    const sweeper = makeStore({ client });

    const swept = await sweepUntil([sweeper], lastWrite + ttlMs + sweepIntervalMs - Date.now(), (s) => s.length >= users.length);
    expect(sortByUser(swept).map((expired) => ({ ...expired, roomsLeft: byRoomId(expired.roomsLeft) }))).toEqual(
      users.map((userId) => ({ tenantId: tenant, userId, wentOffline: true, meta: { role: userId }, roomsLeft: byRoomId(rcaRooms(0, rooms)) })),
    );
    const total = users.length * (rooms + 1);
    expect(deletions.reduce((sum, n) => sum + n, 0)).toBe(total);
    expect(deletions.filter((n) => n > 0).length).toBeGreaterThanOrEqual(Math.ceil(total / DELETIONS_PER_CALL));
    expect(Math.max(...deletions)).toBeLessThanOrEqual(DELETIONS_PER_CALL);
    expect(await admin.keys(`${tenantKeys(prefix, tenant).base}:*`)).toEqual([]);
  });

  it('two stores sweeping users whose cleanups span several calls report each room left and each user gone offline exactly once between them', async () => {
    const rooms = DELETIONS_PER_CALL + 100;
    const users = ['w1', 'w2', 'w3', 'w4'];
    const killed = makeStore();
    for (const userId of users) {
      await killed.addConnection({ tenantId: tenant, userId, connectionId: `${userId}-a`, meta: {} });
      await killed.addConnection({ tenantId: tenant, userId, connectionId: `${userId}-b`, meta: {} });
      await Promise.all(rcaRooms(0, rooms).map((room) => killed.joinRoom(tenant, userId, `${userId}-a`, room)));
      await Promise.all(rcaRooms(rooms / 2, rooms + 50).map((room) => killed.joinRoom(tenant, userId, `${userId}-b`, room)));
    }
    await killed.close();
    const lastWrite = Date.now();
    const sweeperA = makeStore();
    const sweeperB = makeStore();

    const offline = (s: ExpiredPresence[]) => s.filter((expired) => expired.wentOffline).length;
    const swept = await sweepUntil([sweeperA, sweeperB], lastWrite + ttlMs + sweepIntervalMs - Date.now(), (s) => offline(s) >= users.length);
    swept.push(...(await Promise.all([sweeperA.sweepExpired(), sweeperB.sweepExpired()])).flat().filter((e) => e.tenantId === tenant));

    for (const userId of users) {
      const reports = swept.filter((expired) => expired.userId === userId);
      expect(reports.filter((expired) => expired.wentOffline)).toHaveLength(1);
      expect(byRoomId(reports.flatMap((expired) => expired.roomsLeft))).toEqual(byRoomId(rcaRooms(0, rooms + 50)));
    }
    expect(await admin.keys(`${tenantKeys(prefix, tenant).base}:*`)).toEqual([]);
  });

  it('a store given a client leaves it open on close; a store given a url closes its own', async () => {
    await makeStore().close();
    expect(await admin.ping()).toBe('PONG');

    const owning = new RedisPresenceStore({ url: REDIS_URL, keyPrefix: prefix });
    expect(await owning.isHealthy()).toBe(true);
    await owning.close();
    expect(await owning.isHealthy()).toBe(false);
    await expect(owning.count(tenant)).rejects.toThrow();
  });

  it('a store whose Redis is unreachable reports unhealthy and rejects its calls instead of hanging', async () => {
    const store = new RedisPresenceStore({ url: 'redis://127.0.0.1:1', keyPrefix: prefix, ttlMs, refreshIntervalMs });
    stores.push(store);
    expect(await store.isHealthy()).toBe(false);
    await expect(store.addConnection({ tenantId: tenant, userId: 'u', connectionId: 'c', meta: {} })).rejects.toThrow();
    await expect(store.online(tenant)).rejects.toThrow();
    await expect(store.sweepExpired()).rejects.toThrow();
  });

  it('refuses options that would make live connections expire or leave it without Redis', () => {
    expect(() => new RedisPresenceStore({ keyPrefix: prefix })).toThrow(/exactly one of `client`.*and `url`/);
    expect(() => new RedisPresenceStore({ client: admin, ttlMs: 600, refreshIntervalMs: 600 })).toThrow(/below ttlMs/);
    expect(() => new RedisPresenceStore({ client: admin, ttlMs: 0 })).toThrow(/ttlMs must be a positive/);
  });
});

/**
 * Polls `condition` until it holds; fails if it still does not hold when checked at or after
 * `boundMs` from now. The last check starts no earlier than the bound, so a pass proves the
 * bound and a fail is not caused by polling too early.
 */
async function within(boundMs: number, condition: () => Promise<boolean>, pollMs = POLL_MS): Promise<void> {
  const deadline = Date.now() + Math.max(0, boundMs);
  for (;;) {
    const checkedAt = Date.now();
    if (await condition()) return;
    if (checkedAt >= deadline) throw new Error(`The condition did not hold within ${boundMs} ms.`);
    await delay(Math.min(pollMs, Math.max(0, deadline - Date.now())));
  }
}

function sortByUser(expired: ExpiredPresence[]): ExpiredPresence[] {
  return [...expired].sort((a, b) => a.userId.localeCompare(b.userId));
}
