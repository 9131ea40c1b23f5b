import type { RedisPresenceClient } from '../presence/redis-presence-options.interface';
import { RedisScript } from '../presence/redis-script';
import type { AcquireOutcome, ConnectionCaps, ConnectionCounter, CountedConnection } from './connection-counter';

/** Milliseconds a counted connection stays counted after its process last refreshed it. */
const TTL_MS = 30_000;
/** Connections per refresh call, so one call never blocks Redis for long. */
const BATCH_SIZE = 500;

const common = `
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
`;

/**
 * KEYS tenant ZSET, user ZSET · ARGV connectionId, ttlMs, perUser, perTenant (0 = no cap) →
 * 0 counted, 1 user cap full, 2 tenant cap full. Expired entries (of processes that died) are
 * dropped first, so a crash never holds slots for longer than the TTL.
 */
const ACQUIRE = `${common}
local now = nowMs()
local ttl = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if not redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  local perUser, perTenant = tonumber(ARGV[3]), tonumber(ARGV[4])
  if perUser > 0 and redis.call('ZCARD', KEYS[2]) >= perUser then return 1 end
  if perTenant > 0 and redis.call('ZCARD', KEYS[1]) >= perTenant then return 2 end
end
redis.call('ZADD', KEYS[1], now + ttl, ARGV[1])
redis.call('ZADD', KEYS[2], now + ttl, ARGV[1])
redis.call('PEXPIRE', KEYS[1], ttl)
redis.call('PEXPIRE', KEYS[2], ttl)
return 0
`;

/** KEYS tenant ZSET, user ZSET · ARGV connectionId. */
const RELEASE = `
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('ZREM', KEYS[2], ARGV[1])
return 0
`;

/** KEYS tenant ZSET · ARGV userKeyBase, ttlMs, then connectionId/userId pairs. Only existing entries are extended. */
const REFRESH = `${common}
local expiry = nowMs() + tonumber(ARGV[2])
for i = 3, #ARGV, 2 do
  if redis.call('ZSCORE', KEYS[1], ARGV[i]) then
    redis.call('ZADD', KEYS[1], expiry, ARGV[i])
    local userKey = ARGV[1] .. ARGV[i + 1]
    redis.call('ZADD', userKey, 'XX', expiry, ARGV[i])
    redis.call('PEXPIRE', userKey, tonumber(ARGV[2]))
  end
end
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[2]))
return 0
`;

const script = { acquire: new RedisScript(ACQUIRE), release: new RedisScript(RELEASE), refresh: new RedisScript(REFRESH) };

/**
 * Counts connections across every process in Redis: one sorted set of connection ids per tenant
 * and per user, scored by expiry (Redis `TIME` plus {@link TTL_MS}). Each process refreshes the
 * entries it holds every third of the TTL in one call per tenant, so a process that dies stops
 * holding slots within the TTL. Keys carry a `{tenantId}` hash tag: both sets of a check are in
 * one Cluster slot and one script.
 */
export class RedisConnectionCounter implements ConnectionCounter {
  /** tenantId → connectionId → userId of the connections this process counted. */
  private readonly held = new Map<string, Map<string, string>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly client: Promise<RedisPresenceClient>,
    private readonly keyPrefix: string,
  ) {
    this.timer = setInterval(() => void this.refresh().catch(() => undefined), TTL_MS / 3);
    this.timer.unref();
  }

  async acquire(connection: CountedConnection, caps: ConnectionCaps): Promise<AcquireOutcome> {
    const reply = await script.acquire.run(await this.client, this.keys(connection), [connection.connectionId, TTL_MS, caps.perUser ?? 0, caps.perTenant ?? 0]);
    if (reply === 1) return 'user';
    if (reply === 2) return 'tenant';
    let connections = this.held.get(connection.tenantId);
    if (!connections) this.held.set(connection.tenantId, (connections = new Map()));
    connections.set(connection.connectionId, connection.userId);
    return 'ok';
  }

  async release(connection: CountedConnection): Promise<void> {
    const connections = this.held.get(connection.tenantId);
    if (!connections?.delete(connection.connectionId)) return;
    if (connections.size === 0) this.held.delete(connection.tenantId);
    await script.release.run(await this.client, this.keys(connection), [connection.connectionId]);
  }

  /** Extends the expiry of every connection this process holds. */
  async refresh(): Promise<void> {
    const client = await this.client;
    const calls: Array<Promise<unknown>> = [];
    for (const [tenantId, connections] of this.held) {
      const base = this.tenantBase(tenantId);
      const pairs = [...connections];
      for (let index = 0; index < pairs.length; index += BATCH_SIZE) {
        calls.push(script.refresh.run(client, [`${base}:conns`], [`${base}:u:`, TTL_MS, ...pairs.slice(index, index + BATCH_SIZE).flat()]));
      }
    }
    await Promise.all(calls);
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    this.held.clear();
  }

  private tenantBase(tenantId: string): string {
    return `${this.keyPrefix}:{${tenantId}}`;
  }

  private keys({ tenantId, userId }: CountedConnection): string[] {
    const base = this.tenantBase(tenantId);
    return [`${base}:conns`, `${base}:u:${userId}`];
  }
}
