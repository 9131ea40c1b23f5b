import type { PresenceMember } from '@tenantcast/protocol';
import { OptionProblems } from '../options/option-problems';
import { resolveRedisPresenceOptions } from '../options/resolve-presence-options';
import { connectionRoomsKey, roomMember, roomMembersKey, tenantIndexKey, tenantKeys, userKey } from './presence-keys';
import * as lua from './presence-lua-scripts';
import type {
  AddConnectionResult,
  ExpiredPresence,
  JoinRoomResult,
  LeaveRoomResult,
  LostConnection,
  PresenceConnection,
  PresenceRoomRef,
  PresenceStore,
  RemoveConnectionResult,
} from './presence-store.interface';
import { createRedisPresenceClient, type OwnedRedisPresenceClient } from './redis-presence-client.factory';
import type { RedisPresenceClient, RedisPresenceOptions } from './redis-presence-options.interface';
import { asInteger, asOnlineMembers, asRemovalStep, asRoomMembers, asStrings, asSweepBatch, type Departure } from './redis-presence-replies';
import { RedisScript } from './redis-script';
import { SharedAcrossBuilds } from '../shared-across-builds';

/** `isHealthy()` answers `false` when a PING takes longer than this. */
const HEALTH_TIMEOUT_MS = 1_000;
/** Connections (or tenants) per script call, so one call never blocks Redis for long. */
const BATCH_SIZE = 500;
/**
 * Connections and room memberships one remove or sweep call deletes at most (well under a millisecond of
 * Redis time); a larger cleanup continues in further calls, so it never holds up other tenants.
 */
export const DELETIONS_PER_CALL = 128;
/** Tenants swept in parallel; their calls share the connection as one pipeline. */
const SWEEP_CONCURRENCY = 32;

const script = {
  add: new RedisScript(lua.ADD_CONNECTION),
  remove: new RedisScript(lua.REMOVE_CONNECTION),
  join: new RedisScript(lua.JOIN_ROOM),
  leave: new RedisScript(lua.LEAVE_ROOM),
  refresh: new RedisScript(lua.REFRESH_CONNECTIONS),
  sweep: new RedisScript(lua.SWEEP_EXPIRED),
  online: new RedisScript(lua.ONLINE),
  inRoom: new RedisScript(lua.IN_ROOM),
  count: new RedisScript(lua.COUNT),
  isOnline: new RedisScript(lua.IS_ONLINE),
  register: new RedisScript(lua.REGISTER_TENANTS),
  unregister: new RedisScript(lua.UNREGISTER_TENANT),
  tenants: new RedisScript(lua.INDEXED_TENANTS),
};

/**
 * Presence shared by many processes through Redis (ioredis 5, Redis 6.2 or later).
 *
 * Each connection is an entry with an expiry taken from Redis `TIME`. Every store instance
 * refreshes the entries it added, all in one batch per tenant every `refreshIntervalMs`; the
 * entries of a process that dies stop counting after `ttlMs`, and `sweepExpired()` (run every
 * `sweepIntervalMs` by the module) deletes them and reports the departures once, cluster-wide.
 * So a dead process's users leave within `ttlMs + sweepIntervalMs`.
 *
 * Every decision about a first or last connection is made inside one Lua script call, atomically.
 * Tenant keys carry a `{tenantId}` hash tag, so Redis Cluster works; the exception is the tenant
 * index `<prefix>:tenants`, which lives in one slot and is written by its own commands. Cleanups
 * delete at most {@link DELETIONS_PER_CALL} entries per call, so no call holds Redis for long.
 *
 * Round trips: connect 1 (two scripts sent back to back: the entry and the tenant's sweep-index
 * registration), join, leave and each query 1 (one script), disconnect 1 (one more per further
 * {@link DELETIONS_PER_CALL} rooms); refresh 1 per interval for all of the instance's
 * connections (one script per tenant, pipelined).
 */
@SharedAcrossBuilds('RedisPresenceStore')
export class RedisPresenceStore implements PresenceStore {
  /** Reported by health checks. */
  readonly name = 'redis';
  /** Milliseconds a connection counts after its last refresh. */
  readonly ttlMs: number;
  /** Milliseconds between this instance's batched refreshes. */
  readonly refreshIntervalMs: number;
  /** Milliseconds between the module's sweeps; the store does not sweep on its own. */
  readonly sweepIntervalMs: number;

  private readonly keyPrefix: string;
  private readonly client: Promise<RedisPresenceClient>;
  private readonly ownedClient: Promise<OwnedRedisPresenceClient> | undefined;
  /** tenantId → connectionId → userId of the connections this instance added and still holds. */
  private readonly held = new Map<string, Map<string, string>>();
  private refreshTimer: NodeJS.Timeout | undefined;
  private refreshing: Promise<void> | undefined;
  private lostListener: ((connections: LostConnection[]) => void) | undefined;
  private closed = false;

  /** @throws RealtimeConfigError listing every invalid option */
  constructor(options: RedisPresenceOptions) {
    const problems = new OptionProblems();
    const resolved = resolveRedisPresenceOptions(options, problems);
    problems.throwIfAny('RedisPresenceStore');
    ({ keyPrefix: this.keyPrefix, ttlMs: this.ttlMs, refreshIntervalMs: this.refreshIntervalMs, sweepIntervalMs: this.sweepIntervalMs } = resolved);
    if (resolved.client !== undefined) {
      this.client = Promise.resolve(resolved.client);
    } else {
      this.ownedClient = createRedisPresenceClient(resolved.url);
      // Each caller sees the failure through its own await; this only keeps it from being
      // reported as unhandled when nobody has called yet.
      this.ownedClient.then(
        // After a reconnection Redis may have lost every key (a restart without persistence):
        // refreshing at once finds out, instead of up to one interval later.
        (client) => client.on('ready', () => void this.refresh().catch(() => undefined)),
        () => undefined,
      );
      this.client = this.ownedClient;
    }
  }

  async addConnection({ tenantId, userId, connectionId, meta }: PresenceConnection): Promise<AddConnectionResult> {
    const client = await this.client;
    const keys = tenantKeys(this.keyPrefix, tenantId);
    try {
      const [cameOnline] = await Promise.all([
        script.add.run(
          client,
          [keys.connections, keys.expiries, keys.users, keys.profiles, userKey(keys, userId)],
          [connectionId, userId, JSON.stringify(meta), this.ttlMs],
        ),
        script.register.run(client, [tenantIndexKey(this.keyPrefix)], [this.ttlMs, tenantId]),
      ]);
      return { cameOnline: asInteger(cameOnline) === 1 };
    } finally {
      // Held even when the reply failed: the write may have landed, and the next refresh
      // either keeps it alive and indexed or finds it missing and lets it go.
      this.hold(tenantId, connectionId, userId);
    }
  }

  /**
   * Deletes the connection's rooms, then the connection, at most {@link DELETIONS_PER_CALL} per
   * script call: a socket in up to that many rooms is one call, one in more takes several, and
   * each room left and the user going offline are decided by exactly one of them.
   */
  async removeConnection(tenantId: string, userId: string, connectionId: string): Promise<RemoveConnectionResult> {
    // Released first, so that if the remove fails the entry still expires and is swept.
    this.release(tenantId, connectionId);
    const client = await this.client;
    const keys = tenantKeys(this.keyPrefix, tenantId);
    const scriptKeys = [keys.connections, keys.expiries, keys.users, keys.profiles, userKey(keys, userId), connectionRoomsKey(keys, connectionId)];
    const first = asRemovalStep(await script.remove.run(client, scriptKeys, [keys.base, connectionId, userId, DELETIONS_PER_CALL]));
    const removal: RemoveConnectionResult = { wentOffline: first.wentOffline, roomsLeft: first.roomsLeft, meta: first.meta };
    for (let step = first; !step.done; ) {
      step = asRemovalStep(await script.remove.run(client, scriptKeys, [keys.base, connectionId, userId, DELETIONS_PER_CALL]));
      removal.roomsLeft.push(...step.roomsLeft);
      removal.wentOffline ||= step.wentOffline;
    }
    return removal;
  }

  async joinRoom(tenantId: string, userId: string, connectionId: string, room: PresenceRoomRef): Promise<JoinRoomResult> {
    return { entered: (await this.runRoomScript(script.join, tenantId, userId, connectionId, room)) === 1 };
  }

  async leaveRoom(tenantId: string, userId: string, connectionId: string, room: PresenceRoomRef): Promise<LeaveRoomResult> {
    return { left: (await this.runRoomScript(script.leave, tenantId, userId, connectionId, room)) === 1 };
  }

  async online(tenantId: string): Promise<PresenceMember[]> {
    const keys = tenantKeys(this.keyPrefix, tenantId);
    return asOnlineMembers(await script.online.run(await this.client, [keys.connections, keys.expiries, keys.profiles], [keys.base]));
  }

  async count(tenantId: string): Promise<number> {
    return asInteger(await script.count.run(await this.client, [tenantKeys(this.keyPrefix, tenantId).users], []));
  }

  async isOnline(tenantId: string, userId: string): Promise<boolean> {
    const reply = await script.isOnline.run(await this.client, [tenantKeys(this.keyPrefix, tenantId).users], [userId]);
    return asInteger(reply) === 1;
  }

  async inRoom(tenantId: string, kind: string, id: string): Promise<PresenceMember[]> {
    const keys = tenantKeys(this.keyPrefix, tenantId);
    const reply = await script.inRoom.run(await this.client, [roomMembersKey(keys, roomMember({ kind, id })), keys.expiries, keys.profiles], []);
    return asRoomMembers(reply);
  }

  /**
   * Deletes the expired connections of every tenant and reports each affected user once: the
   * deletion and the report are one script, so of several processes sweeping at once only the
   * one that deleted an entry reports it.
   */
  async sweepExpired(): Promise<ExpiredPresence[]> {
    const client = await this.client;
    const indexKey = tenantIndexKey(this.keyPrefix);
    const tenants = asStrings(await script.tenants.run(client, [indexKey], []));
    const expired: ExpiredPresence[] = [];
    for (const group of chunk(tenants, SWEEP_CONCURRENCY)) {
      const results = await Promise.all(group.map((tenantId) => this.sweepTenant(client, tenantId)));
      for (const departures of results) expired.push(...departures);
    }
    return expired;
  }

  /**
   * Extends the expiry of every connection this instance holds, one script call per tenant
   * (per 500 connections), and keeps their tenants in the sweep index. The timer calls it every
   * `refreshIntervalMs`; connections found deleted meanwhile (removed elsewhere or swept while
   * this process stalled) are never re-created, only forgotten.
   */
  refresh(): Promise<void> {
    this.refreshing ??= this.refreshHeld().finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  /**
   * Connections the refresh finds gone (swept while this process stalled, or lost by a Redis
   * restart) are forgotten and reported here, so the module can add back those still open.
   */
  onConnectionsLost(listener: (connections: LostConnection[]) => void): void {
    this.lostListener = listener;
  }

  async isHealthy(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error('Redis PING timed out')), HEALTH_TIMEOUT_MS);
      timer.unref();
    });
    try {
      return (await Promise.race([this.client.then((client) => client.ping()), timeout])) === 'PONG';
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Stops refreshing (waiting for a refresh in flight) and, if the store created its client from
   * `url`, closes it. The entries of connections still held are left to expire and be swept, as
   * for a process that stops.
   */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.refreshTimer);
    this.refreshTimer = undefined;
    this.held.clear();
    // Nothing this store sends lands after close() resolves.
    await this.refreshing?.catch(() => undefined);
    const owned = await this.ownedClient?.catch(() => undefined);
    await owned?.quit().catch(() => owned.disconnect());
  }

  private async runRoomScript(
    roomScript: RedisScript,
    tenantId: string,
    userId: string,
    connectionId: string,
    room: PresenceRoomRef,
  ): Promise<number> {
    const keys = tenantKeys(this.keyPrefix, tenantId);
    const member = roomMember(room);
    const reply = await roomScript.run(
      await this.client,
      [keys.connections, userKey(keys, userId), connectionRoomsKey(keys, connectionId), roomMembersKey(keys, member)],
      [connectionId, userId, member],
    );
    return asInteger(reply);
  }

  /** Sweeps one tenant in calls of at most {@link DELETIONS_PER_CALL} deletions; one report per user. */
  private async sweepTenant(client: RedisPresenceClient, tenantId: string): Promise<ExpiredPresence[]> {
    const keys = tenantKeys(this.keyPrefix, tenantId);
    const byUser = new Map<string, Departure>();
    let batch;
    do {
      batch = asSweepBatch(
        await script.sweep.run(client, [keys.connections, keys.expiries, keys.users, keys.profiles], [keys.base, BATCH_SIZE, DELETIONS_PER_CALL]),
      );
      for (const departure of batch.departures) {
        // A user whose cleanup the budget cut off is reported in parts; here they are one report again.
        const earlier = byUser.get(departure.userId);
        if (!earlier) {
          byUser.set(departure.userId, departure);
        } else {
          earlier.roomsLeft.push(...departure.roomsLeft);
          earlier.wentOffline ||= departure.wentOffline;
        }
      }
    } while (batch.more);
    if (batch.remaining === 0) await script.unregister.run(client, [tenantIndexKey(this.keyPrefix)], [tenantId]);
    return [...byUser.values()].map((departure) => ({ tenantId, ...departure }));
  }

  private async refreshHeld(): Promise<void> {
    if (this.held.size === 0) return;
    const client = await this.client;
    const calls = chunk([...this.held.keys()], BATCH_SIZE).map((tenants) =>
      script.register.run(client, [tenantIndexKey(this.keyPrefix)], [this.ttlMs, ...tenants]),
    );
    const lost: LostConnection[] = [];
    for (const [tenantId, connections] of this.held) {
      const keys = tenantKeys(this.keyPrefix, tenantId);
      for (const batch of chunk([...connections], BATCH_SIZE)) {
        const scriptKeys = [keys.expiries, keys.users, ...batch.map(([, userId]) => userKey(keys, userId))];
        const call = script.refresh.run(client, scriptKeys, [this.ttlMs, ...batch.flat()]).then((missing) => {
          for (const connectionId of asStrings(missing)) {
            const userId = this.held.get(tenantId)?.get(connectionId);
            // A connection released meanwhile (removed by its process) is not lost.
            if (userId !== undefined && this.release(tenantId, connectionId)) lost.push({ tenantId, userId, connectionId });
          }
        });
        calls.push(call);
      }
    }
    try {
      await Promise.all(calls);
    } finally {
      if (lost.length > 0 && !this.closed) this.lostListener?.(lost);
    }
  }

  private hold(tenantId: string, connectionId: string, userId: string): void {
    if (this.closed) return;
    let connections = this.held.get(tenantId);
    if (!connections) {
      connections = new Map();
      this.held.set(tenantId, connections);
    }
    connections.set(connectionId, userId);
    if (!this.refreshTimer) {
      // A failed refresh is retried on the next tick; meanwhile isHealthy() reports the outage.
      this.refreshTimer = setInterval(() => void this.refresh().catch(() => undefined), this.refreshIntervalMs);
      this.refreshTimer.unref();
    }
  }

  /** Forgets a held connection; `true` when it was held. */
  private release(tenantId: string, connectionId: string): boolean {
    const connections = this.held.get(tenantId);
    const released = connections?.delete(connectionId) ?? false;
    if (released && connections?.size === 0) this.held.delete(tenantId);
    return released;
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
