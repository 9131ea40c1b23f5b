/**
 * The subset of an ioredis client the Redis presence store uses, so any ioredis-compatible
 * client (or `Cluster`) can be passed without depending on ioredis' types in public signatures.
 */
export interface RedisPresenceClient {
  /** Evaluates a Lua script by SHA, loading it on `NOSCRIPT`. */
  evalsha(sha: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  /** Evaluates a Lua script. */
  eval(script: string, numKeys: number, ...args: Array<string | number>): Promise<unknown>;
  /** Round-trip check. */
  ping(): Promise<string>;
  /** Closes the connection gracefully. */
  quit(): Promise<unknown>;
}

/** Options of the Redis presence store. */
export interface RedisPresenceOptions {
  /**
   * An ioredis client (or Cluster) owned by the application; the store never closes it. Create
   * it with `enableOfflineQueue: false` and a small `maxRetriesPerRequest`, as the store does for
   * a `url`: with the offline queue on, writes made during an outage are replayed late and can
   * contradict the live sockets. Needs Redis 6.2+.
   * @default none; exactly one of `client`, `url` is required
   */
  client?: RedisPresenceClient;
  /**
   * A Redis URL such as `redis://127.0.0.1:6379`; the store creates its own ioredis client
   * (offline queue off) and closes it.
   * @default none; exactly one of `client`, `url` is required
   */
  url?: string;
  /**
   * Prefix of every key. Every key also carries a `{tenantId}` hash tag for Redis Cluster.
   * @default 'tc:presence'
   */
  keyPrefix?: string;
  /**
   * Milliseconds a connection stays counted after its process last refreshed it. Queries stop
   * counting the connections of a process that died within `ttlMs`; their leave events follow
   * within `ttlMs + sweepIntervalMs`.
   * @default 30000
   */
  ttlMs?: number;
  /**
   * Milliseconds between a process's batched refreshes of all its connections.
   * @default ttlMs / 3
   */
  refreshIntervalMs?: number;
  /**
   * Milliseconds between sweeps for expired connections (to emit their leave events).
   * @default ttlMs / 3
   */
  sweepIntervalMs?: number;
}
