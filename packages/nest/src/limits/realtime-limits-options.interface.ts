import type { RedisPresenceClient } from '../presence/redis-presence-options.interface';

/**
 * One rate limit, counted by `rate-limiter-flexible` in fixed windows: at most `points` events per
 * window of `duration` seconds, the window starting at the key's first event. Over any span of
 * `W` seconds a key gets at most `2 × points + points × W / duration` events through (a full
 * window just before a boundary and another just after it).
 */
export interface RateLimitRule {
  /** Events per window. */
  points: number;
  /** Window length in whole seconds (Redis counts in seconds). */
  duration: number;
}

/** Rate limits of the events clients send, system events (`join`, `refresh-token`, …) included. */
export interface RealtimeRateLimitOptions {
  /**
   * Per connection. A person clicking and typing sends a few events a second; a UI that streams
   * cursor positions throttles itself to 10–20.
   * @default { points: 30, duration: 1 }
   */
  perSocket?: RateLimitRule | false;
  /**
   * Per user, over all the user's connections (all processes with a Redis store). Twice the socket
   * limit: a user with several tabs sends more, but opening tabs must not multiply the budget.
   * @default { points: 60, duration: 1 }
   */
  perUser?: RateLimitRule | false;
  /**
   * Per tenant, on each process. Its job is fairness on a shared process: one noisy tenant cannot
   * take more than this share of the event loop, whatever its number of users. Always counted in
   * the process's memory, since it protects that process. Raise it for tenants with many active users.
   * @default { points: 2000, duration: 1 }
   */
  perTenant?: RateLimitRule | false;
  /**
   * A connection that keeps exceeding a limit this long is closed with `session-ended`
   * `RATE_LIMITED`. Long enough that a burst never triggers it, short enough that a flooding
   * client stops costing the server acknowledgements.
   * @default 10000
   */
  disconnectAfterMs?: number;
}

/** A Redis client for the limits: an ioredis `Redis` or `Cluster` (rate-limiter-flexible needs `defineCommand`). */
export interface RedisLimitsClient extends RedisPresenceClient {
  /** ioredis' custom-command registration, used by rate-limiter-flexible. */
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
  /** ioredis' transactions, used by rate-limiter-flexible. */
  multi(...args: never[]): unknown;
}

/** Where per-user rate limits and connection counts are kept. */
export type RealtimeLimitsStore =
  | 'memory'
  | {
      /** An application-owned ioredis client (never closed by the module), or a Redis URL (the module creates and closes its client). */
      redis: RedisLimitsClient | string;
      /**
       * Prefix of every key. Connection-count keys also carry a `{tenantId}` hash tag for Redis Cluster.
       * @default 'tc:limits'
       */
      keyPrefix?: string;
    };

/** Limits that keep one client, user or tenant from exhausting the server or starving others. */
export interface RealtimeLimitsOptions {
  /** Rate limits of incoming events; `false` turns all of them off. */
  rateLimit?: RealtimeRateLimitOptions | false;
  /**
   * Concurrent connections of one user (all tabs and devices); the next handshake is refused with
   * `CONNECTION_LIMIT`. A person rarely has more than a handful of tabs and devices open; 20 leaves
   * room for that while one leaked token cannot hold thousands of sockets. `false` for no cap.
   * @default 20
   */
  maxConnectionsPerUser?: number | false;
  /**
   * Concurrent connections of one tenant (cluster-wide with a Redis store). Keeps one tenant from
   * holding every socket a shared deployment can serve; raise it for tenants that need more.
   * `false` for no cap.
   * @default 10000
   */
  maxConnectionsPerTenant?: number | false;
  /**
   * Resource rooms one connection may be in at once; the next `join` is refused with
   * `ROOM_LIMIT`. A screen rarely shows more than a few dozen live resources; each room costs
   * memory in the adapter and work in presence, and a disconnect cleans all of them up.
   * @default 100
   */
  maxRoomsPerSocket?: number;
  /**
   * Deepest nesting accepted in incoming event payloads and in what the emit helpers send;
   * deeper ones are refused with `INVALID_PAYLOAD`. Real documents nest a handful of levels;
   * socket.io-parser walks payloads recursively and overflows the stack a few thousand levels down.
   * @default 32
   */
  maxPayloadDepth?: number;
  /**
   * Largest envelope the emit helpers send, in bytes of JSON (counted without escapes); larger
   * ones are refused with `PAYLOAD_TOO_LARGE`. Every recipient's connection buffers its own copy:
   * send large documents over HTTP and a small event that points to them.
   * @default 1048576
   */
  maxEmitBytes?: number;
  /**
   * Where per-user rate limits and connection counts live: this process's memory, or Redis, so
   * that they hold across every process of the deployment. While Redis is unavailable the limits
   * fall back to this process's memory; connections are never refused because Redis is away.
   * @default 'memory'
   */
  store?: RealtimeLimitsStore;
}
