import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import type { PresenceMember } from '@tenantcast/protocol';
import type { PresenceConnection, PresenceRoomRef, PresenceStore } from '../presence/presence-store.interface';

/**
 * Stores may take time from another clock than this process's (the Redis store uses Redis
 * `TIME`), so `since` is checked against this process's clock with this much slack.
 */
const CLOCK_TOLERANCE_MS = 1_000;

type Hook = (run: () => Promise<void> | void) => void;

/**
 * The test functions the contract suite registers its tests with. Vitest and Jest both provide
 * them; the suite uses only matchers the two share.
 */
export interface ContractTestApi {
  describe: (name: string, body: () => void) => void;
  it: (name: string, body: () => Promise<void>) => void;
  beforeEach: Hook;
  afterEach: Hook;
  afterAll: Hook;
  // The runners' `expect` types differ; the suite needs only the matchers both share.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  expect: any;
}

/** Options of {@link describePresenceStoreContract}. */
export interface PresenceStoreContractOptions {
  /** Runs once after the last test, e.g. to delete a test run's Redis keys. */
  cleanup?: () => Promise<void> | void;
  /**
   * The test functions to register with.
   * @default the runner's globals (`describe`, `it`, `expect`, …), as with vitest `globals: true` or Jest
   */
  test?: ContractTestApi;
}

/**
 * Registers the behaviour every {@link PresenceStore} must have as one `describe` block: run it
 * against your own store to prove it behaves like the built-in ones. `makeStore` runs before each
 * test (the store is closed after it). Each test uses its own tenant ids, so stores that share
 * state (Redis) do not see each other.
 *
 * @example
 * ```ts
 * import * as vitest from 'vitest';
 * import { describePresenceStoreContract } from '@tenantcast/nest/testing';
 *
 * describePresenceStoreContract('my store', () => new MyPresenceStore(), { test: vitest });
 * ```
 */
export function describePresenceStoreContract(
  name: string,
  makeStore: () => Promise<PresenceStore> | PresenceStore,
  options: PresenceStoreContractOptions = {},
): void {
  const { describe, it, beforeEach, afterEach, afterAll, expect } = options.test ?? globalTestApi();
  const { cleanup } = options;
  describe(`PresenceStore contract: ${name}`, () => {
    let store: PresenceStore;
    let created: PresenceStore | undefined;
    let tenant: string;

    beforeEach(async () => {
      store = created = await makeStore();
      tenant = newTenantId();
    });
    afterEach(async () => {
      // Undefined when an outer hook failed before makeStore ran; that failure is the one to see.
      await created?.close();
      created = undefined;
    });
    if (cleanup) afterAll(cleanup);

    const connect = (userId: string, connectionId: string, meta: Record<string, unknown> = { role: 'viewer' }, tenantId = tenant) =>
      store.addConnection({ tenantId, userId, connectionId, meta } satisfies PresenceConnection);
    const rca42: PresenceRoomRef = { kind: 'rca', id: '42' };

    it('a first connection brings the user online with its meta and one connection', async () => {
      expect(await connect('alice', 'a1', { role: 'admin', email: 'alice@example.com' })).toEqual({ cameOnline: true });
      expect(await store.isOnline(tenant, 'alice')).toBe(true);
      expect(await store.count(tenant)).toBe(1);
      expect(await store.online(tenant)).toEqual([
        { userId: 'alice', connections: 1, meta: { role: 'admin', email: 'alice@example.com' }, since: expect.any(Number) },
      ]);
    });

    it('a second tab of an online user does not come online again and counts as one user with two connections', async () => {
      await connect('alice', 'a1');
      expect(await connect('alice', 'a2')).toEqual({ cameOnline: false });
      expect(await store.count(tenant)).toBe(1);
      expect(byUser(await store.online(tenant)).get('alice')?.connections).toBe(2);
    });

    it('a user with several tabs stays online until the last tab closes', async () => {
      await connect('alice', 'a1');
      await connect('alice', 'a2');
      await connect('alice', 'a3');
      expect((await store.removeConnection(tenant, 'alice', 'a2')).wentOffline).toBe(false);
      expect((await store.removeConnection(tenant, 'alice', 'a1')).wentOffline).toBe(false);
      expect(await store.isOnline(tenant, 'alice')).toBe(true);
      expect(byUser(await store.online(tenant)).get('alice')?.connections).toBe(1);
      expect((await store.removeConnection(tenant, 'alice', 'a3')).wentOffline).toBe(true);
      expect(await store.isOnline(tenant, 'alice')).toBe(false);
      expect(await store.count(tenant)).toBe(0);
      expect(await store.online(tenant)).toEqual([]);
    });

    it('count counts users, not connections, and isOnline answers per user', async () => {
      await connect('alice', 'a1');
      await connect('alice', 'a2');
      await connect('bob', 'b1');
      await connect('carol', 'c1');
      expect(await store.count(tenant)).toBe(3);
      await store.removeConnection(tenant, 'carol', 'c1');
      expect(await store.count(tenant)).toBe(2);
      expect(await store.isOnline(tenant, 'bob')).toBe(true);
      expect(await store.isOnline(tenant, 'carol')).toBe(false);
      expect(await store.isOnline(tenant, 'nobody')).toBe(false);
      expect((await store.online(tenant)).map((m) => m.userId).sort()).toEqual(['alice', 'bob']);
    });

    it('the meta of the latest addConnection wins and is returned when the connection is removed', async () => {
      await connect('alice', 'a1', { role: 'viewer' });
      await connect('alice', 'a2', { role: 'admin' });
      expect(byUser(await store.online(tenant)).get('alice')?.meta).toEqual({ role: 'admin' });
      expect((await store.removeConnection(tenant, 'alice', 'a1')).meta).toEqual({ role: 'admin' });
      expect((await store.removeConnection(tenant, 'alice', 'a2')).meta).toEqual({ role: 'admin' });
    });

    it('meta round-trips JSON values unchanged', async () => {
      const meta = { role: 'admin', tags: ['a', 'ü', '漢字'], nested: { level: 2, ok: true, none: null }, score: 1.5 };
      await connect('alice', 'a1', meta);
      await store.joinRoom(tenant, 'alice', 'a1', rca42);
      expect(byUser(await store.online(tenant)).get('alice')?.meta).toEqual(meta);
      expect(byUser(await store.inRoom(tenant, 'rca', '42')).get('alice')?.meta).toEqual(meta);
    });

    it('since is when the first current connection was added and moves to the next one when it closes', async () => {
      const before = Date.now();
      await connect('alice', 'a1');
      await store.joinRoom(tenant, 'alice', 'a1', rca42);
      const first = byUser(await store.online(tenant)).get('alice')?.since ?? Number.NaN;
      expect(first).toBeGreaterThanOrEqual(before - CLOCK_TOLERANCE_MS);
      expect(first).toBeLessThanOrEqual(Date.now() + CLOCK_TOLERANCE_MS);
      const firstInRoom = byUser(await store.inRoom(tenant, 'rca', '42')).get('alice')?.since ?? Number.NaN;

      // Only so that the second tab gets a later millisecond than the first.
      await delay(5);
      await connect('alice', 'a2');
      await store.joinRoom(tenant, 'alice', 'a2', rca42);
      expect(byUser(await store.online(tenant)).get('alice')?.since).toBe(first);
      expect(byUser(await store.inRoom(tenant, 'rca', '42')).get('alice')?.since).toBe(firstInRoom);

      await store.removeConnection(tenant, 'alice', 'a1');
      expect(byUser(await store.online(tenant)).get('alice')?.since).toBeGreaterThan(first);
      expect(byUser(await store.inRoom(tenant, 'rca', '42')).get('alice')?.since).toBeGreaterThan(firstInRoom);
    });

    it('adding the same connection twice is idempotent', async () => {
      await connect('alice', 'a1');
      expect(await connect('alice', 'a1')).toEqual({ cameOnline: false });
      expect(byUser(await store.online(tenant)).get('alice')?.connections).toBe(1);
      expect((await store.removeConnection(tenant, 'alice', 'a1')).wentOffline).toBe(true);
    });

    it('removing an unknown connection, or one of another user, is a no-op', async () => {
      await connect('alice', 'a1');
      await store.joinRoom(tenant, 'alice', 'a1', rca42);
      const noOp = { wentOffline: false, roomsLeft: [], meta: {} };
      expect(await store.removeConnection(tenant, 'alice', 'unknown')).toEqual(noOp);
      expect(await store.removeConnection(tenant, 'bob', 'a1')).toEqual(noOp);
      expect(await store.removeConnection(newTenantId(), 'alice', 'a1')).toEqual(noOp);
      expect(await store.isOnline(tenant, 'alice')).toBe(true);
      expect(byUser(await store.inRoom(tenant, 'rca', '42')).get('alice')?.connections).toBe(1);
    });

    it('removing a connection twice reports the departure once', async () => {
      await connect('alice', 'a1');
      await store.joinRoom(tenant, 'alice', 'a1', rca42);
      expect(await store.removeConnection(tenant, 'alice', 'a1')).toEqual({ wentOffline: true, roomsLeft: [rca42], meta: { role: 'viewer' } });
      expect(await store.removeConnection(tenant, 'alice', 'a1')).toEqual({ wentOffline: false, roomsLeft: [], meta: {} });
    });

    it('a user enters a room with its first connection there and leaves with its last', async () => {
      await connect('alice', 'a1');
      await connect('alice', 'a2');
      expect(await store.joinRoom(tenant, 'alice', 'a1', rca42)).toEqual({ entered: true });
      expect(await store.joinRoom(tenant, 'alice', 'a2', rca42)).toEqual({ entered: false });
      expect(byUser(await store.inRoom(tenant, 'rca', '42')).get('alice')?.connections).toBe(2);
      expect(await store.leaveRoom(tenant, 'alice', 'a1', rca42)).toEqual({ left: false });
      expect(byUser(await store.inRoom(tenant, 'rca', '42')).get('alice')?.connections).toBe(1);
      expect(await store.leaveRoom(tenant, 'alice', 'a2', rca42)).toEqual({ left: true });
      expect(await store.inRoom(tenant, 'rca', '42')).toEqual([]);
      expect(await store.isOnline(tenant, 'alice')).toBe(true);
    });

    it('joining a room twice and leaving a room not joined are no-ops', async () => {
      await connect('alice', 'a1');
      expect(await store.leaveRoom(tenant, 'alice', 'a1', rca42)).toEqual({ left: false });
      expect(await store.joinRoom(tenant, 'alice', 'a1', rca42)).toEqual({ entered: true });
      expect(await store.joinRoom(tenant, 'alice', 'a1', rca42)).toEqual({ entered: false });
      expect(byUser(await store.inRoom(tenant, 'rca', '42')).get('alice')?.connections).toBe(1);
      expect(await store.leaveRoom(tenant, 'alice', 'a1', rca42)).toEqual({ left: true });
      expect(await store.leaveRoom(tenant, 'alice', 'a1', rca42)).toEqual({ left: false });
    });

    it('joining or leaving with an unknown connection, or one of another user, is a no-op', async () => {
      await connect('alice', 'a1');
      expect(await store.joinRoom(tenant, 'alice', 'unknown', rca42)).toEqual({ entered: false });
      expect(await store.joinRoom(tenant, 'bob', 'a1', rca42)).toEqual({ entered: false });
      expect(await store.inRoom(tenant, 'rca', '42')).toEqual([]);
      await store.joinRoom(tenant, 'alice', 'a1', rca42);
      expect(await store.leaveRoom(tenant, 'bob', 'a1', rca42)).toEqual({ left: false });
      expect(byUser(await store.inRoom(tenant, 'rca', '42')).get('alice')?.connections).toBe(1);
    });

    it('a removed connection cannot join rooms', async () => {
      await connect('alice', 'a1');
      await store.removeConnection(tenant, 'alice', 'a1');
      expect(await store.joinRoom(tenant, 'alice', 'a1', rca42)).toEqual({ entered: false });
      expect(await store.inRoom(tenant, 'rca', '42')).toEqual([]);
    });

    it('rooms are told apart by kind and id', async () => {
      await connect('alice', 'a1');
      await connect('bob', 'b1');
      await store.joinRoom(tenant, 'alice', 'a1', { kind: 'rca', id: '1' });
      await store.joinRoom(tenant, 'bob', 'b1', { kind: 'plant', id: '1' });
      expect((await store.inRoom(tenant, 'rca', '1')).map((m) => m.userId)).toEqual(['alice']);
      expect((await store.inRoom(tenant, 'plant', '1')).map((m) => m.userId)).toEqual(['bob']);
      expect(await store.inRoom(tenant, 'rca', '2')).toEqual([]);
    });

    it("removing a connection reports exactly the rooms where it was the user's last connection", async () => {
      const plant = { kind: 'plant', id: '7' };
      const country = { kind: 'country', id: 'de' };
      await connect('alice', 'a1');
      await connect('alice', 'a2');
      await store.joinRoom(tenant, 'alice', 'a1', rca42);
      await store.joinRoom(tenant, 'alice', 'a1', plant);
      await store.joinRoom(tenant, 'alice', 'a2', plant);
      await store.joinRoom(tenant, 'alice', 'a2', country);
      const removal = await store.removeConnection(tenant, 'alice', 'a1');
      expect(removal.wentOffline).toBe(false);
      expect(removal.roomsLeft).toEqual([rca42]);
      expect(await store.inRoom(tenant, 'rca', '42')).toEqual([]);
      expect(byUser(await store.inRoom(tenant, 'plant', '7')).get('alice')?.connections).toBe(1);
      const last = await store.removeConnection(tenant, 'alice', 'a2');
      expect(last.wentOffline).toBe(true);
      expect(sortRooms(last.roomsLeft)).toEqual(sortRooms([plant, country]));
    });

    it('inRoom lists each user once with its connections and meta', async () => {
      await connect('alice', 'a1', { role: 'admin' });
      await connect('alice', 'a2', { role: 'admin' });
      await connect('bob', 'b1', { role: 'viewer' });
      await connect('carol', 'c1');
      for (const [userId, connectionId] of [['alice', 'a1'], ['alice', 'a2'], ['bob', 'b1']] as const) {
        await store.joinRoom(tenant, userId, connectionId, rca42);
      }
      const members = byUser(await store.inRoom(tenant, 'rca', '42'));
      expect([...members.keys()].sort()).toEqual(['alice', 'bob']);
      expect(members.get('alice')).toMatchObject({ connections: 2, meta: { role: 'admin' } });
      expect(members.get('bob')).toMatchObject({ connections: 1, meta: { role: 'viewer' } });
    });

    it('tenants are isolated: the same user id and room id in two tenants never mix', async () => {
      const other = newTenantId();
      await connect('alice', 'a1', { role: 'in-first' });
      await connect('alice', 'x1', { role: 'in-second' }, other);
      await connect('bob', 'x2', {}, other);
      await store.joinRoom(tenant, 'alice', 'a1', rca42);
      await store.joinRoom(other, 'alice', 'x1', rca42);
      await store.joinRoom(other, 'bob', 'x2', rca42);

      expect(await store.count(tenant)).toBe(1);
      expect(await store.count(other)).toBe(2);
      expect(await store.inRoom(tenant, 'rca', '42')).toEqual([expect.objectContaining({ userId: 'alice', connections: 1, meta: { role: 'in-first' } })]);
      expect(byUser(await store.inRoom(other, 'rca', '42')).get('alice')?.meta).toEqual({ role: 'in-second' });
      // A connection id is only known within its own tenant.
      expect((await store.removeConnection(tenant, 'alice', 'x1')).wentOffline).toBe(false);
      expect(await store.joinRoom(tenant, 'bob', 'x2', rca42)).toEqual({ entered: false });

      expect(await store.removeConnection(tenant, 'alice', 'a1')).toEqual({ wentOffline: true, roomsLeft: [rca42], meta: { role: 'in-first' } });
      expect(await store.isOnline(other, 'alice')).toBe(true);
      expect((await store.inRoom(other, 'rca', '42')).map((m) => m.userId).sort()).toEqual(['alice', 'bob']);
    });

    it('unknown tenants and rooms are empty', async () => {
      const nowhere = newTenantId();
      expect(await store.online(nowhere)).toEqual([]);
      expect(await store.count(nowhere)).toBe(0);
      expect(await store.isOnline(nowhere, 'alice')).toBe(false);
      expect(await store.inRoom(nowhere, 'rca', '42')).toEqual([]);
    });

    it('concurrent first connections of one user report cameOnline exactly once', async () => {
      const results = await Promise.all(range(8).map((i) => connect('alice', `a${i}`)));
      expect(results.filter((r) => r.cameOnline)).toHaveLength(1);
      expect(byUser(await store.online(tenant)).get('alice')?.connections).toBe(8);
    });

    it('concurrent last disconnections report wentOffline and each room left exactly once', async () => {
      for (const i of range(8)) {
        await connect('alice', `a${i}`);
        await store.joinRoom(tenant, 'alice', `a${i}`, rca42);
      }
      const results = await Promise.all(range(8).map((i) => store.removeConnection(tenant, 'alice', `a${i}`)));
      expect(results.filter((r) => r.wentOffline)).toHaveLength(1);
      expect(results.flatMap((r) => r.roomsLeft)).toEqual([rca42]);
      expect(await store.isOnline(tenant, 'alice')).toBe(false);
    });

    it('concurrent joins and leaves of one room by several tabs report entered and left exactly once', async () => {
      for (const i of range(8)) await connect('alice', `a${i}`);
      const joins = await Promise.all(range(8).map((i) => store.joinRoom(tenant, 'alice', `a${i}`, rca42)));
      expect(joins.filter((r) => r.entered)).toHaveLength(1);
      const leaves = await Promise.all(range(8).map((i) => store.leaveRoom(tenant, 'alice', `a${i}`, rca42)));
      expect(leaves.filter((r) => r.left)).toHaveLength(1);
      expect(await store.inRoom(tenant, 'rca', '42')).toEqual([]);
    });

    it('sweepExpired leaves live connections alone', async () => {
      await connect('alice', 'a1');
      await store.joinRoom(tenant, 'alice', 'a1', rca42);
      const swept = await store.sweepExpired();
      expect(swept.filter((expired) => expired.tenantId === tenant)).toEqual([]);
      expect(await store.isOnline(tenant, 'alice')).toBe(true);
      expect(byUser(await store.inRoom(tenant, 'rca', '42')).get('alice')?.connections).toBe(1);
    });

    it('isHealthy is true while the store can serve requests', async () => {
      expect(await store.isHealthy()).toBe(true);
    });
  });
}

function globalTestApi(): ContractTestApi {
  const api = globalThis as unknown as Partial<ContractTestApi>;
  const names = ['describe', 'it', 'beforeEach', 'afterEach', 'afterAll', 'expect'] as const;
  const missing = names.filter((fn) => typeof api[fn] !== 'function');
  if (missing.length > 0) {
    throw new Error(
      `describePresenceStoreContract: no global ${missing.join(', ')}. Pass your runner's functions as { test } (e.g. import * as vitest from 'vitest'), or enable its globals.`,
    );
  }
  return api as ContractTestApi;
}

function newTenantId(): string {
  return `tenant-${randomUUID().slice(0, 8)}`;
}

function byUser(members: PresenceMember[]): Map<string, PresenceMember> {
  return new Map(members.map((member) => [member.userId, member]));
}

function sortRooms(rooms: PresenceRoomRef[]): PresenceRoomRef[] {
  return [...rooms].sort((a, b) => `${a.kind}:${a.id}`.localeCompare(`${b.kind}:${b.id}`));
}

function range(length: number): number[] {
  return Array.from({ length }, (_, i) => i);
}
