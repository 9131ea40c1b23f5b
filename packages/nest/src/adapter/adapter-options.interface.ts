/**
 * The few members of an ioredis client (or `Cluster`) the adapters use, so an application's own
 * client can be passed without ioredis' types in public signatures.
 */
export interface AdapterRedisClient {
  /** ioredis' connection state; `ready` when commands can be sent. */
  readonly status: string;
  /** A new client with the same settings; used for subscribing and reading streams. */
  duplicate(): AdapterRedisClient;
  /** Registers a listener, e.g. for `error`. */
  on(event: string, listener: (...args: never[]) => void): unknown;
  /** Closes the connection gracefully. */
  quit(): Promise<unknown>;
  /** Closes the connection at once. */
  disconnect(): void;
}

/** Where an adapter reaches Redis: a URL (the module creates and closes the clients) or the app's client. */
export interface AdapterRedisConnection {
  /**
   * A Redis URL such as `redis://127.0.0.1:6379`; the module creates its clients and closes them
   * on shutdown.
   * @default none; exactly one of `url`, `client` is required
   */
  url?: string;
  /**
   * An ioredis client (or `Cluster`) owned by the application, used to publish; the module never
   * closes it. The module subscribes on a `duplicate()` of it (or on `subClient`), which it closes.
   * @default none; exactly one of `url`, `client` is required
   */
  client?: AdapterRedisClient;
  /**
   * With `client` and the `redis` adapter: the application's own subscriber client, used as is
   * and never closed by the module. The `redis-streams` adapter refuses it (it reads the stream
   * on duplicates of `client`).
   * @default a `duplicate()` of `client`, closed by the module
   */
  subClient?: AdapterRedisClient;
  /**
   * Prefix of every channel, stream and key the adapter uses; give each application (and each
   * test run) sharing one Redis its own. {@link RealtimeEmitter} must use the same one.
   * @default 'socket.io'
   */
  keyPrefix?: string;
  /**
   * Milliseconds `joinUser` / `leaveUser` (and, with the classic adapter, Socket.IO's own
   * `fetchSockets` and `serverSideEmitWithAck`) wait for the other processes before rejecting. A
   * frozen process makes such requests wait this long.
   * @default 5000
   */
  requestsTimeoutMs?: number;
}

/** `@socket.io/redis-adapter`: Redis Pub/Sub, classic or (Redis 7+) sharded. */
export interface RedisAdapterOption extends AdapterRedisConnection {
  type: 'redis';
  /**
   * Use sharded Pub/Sub (`SPUBLISH`, Redis 7 or later) through `createShardedAdapter`: in Redis
   * Cluster each message goes to one shard instead of every node.
   * @default false
   */
  sharded?: boolean;
}

/** `@socket.io/redis-streams-adapter`: one Redis stream; survives short Redis outages and enables connection state recovery. */
export interface RedisStreamsAdapterOption extends AdapterRedisConnection {
  type: 'redis-streams';
  /**
   * Entries kept in the stream (approximate trimming); bounds how far back a recovering client
   * can be given the events it missed.
   * @default 10000
   */
  maxLen?: number;
}

/**
 * How events reach sockets connected to other processes. Leave it out for one process (Socket.IO's
 * in-memory adapter). Each type is an optional peer dependency, loaded only when configured.
 */
export type RealtimeAdapterOption = RedisAdapterOption | RedisStreamsAdapterOption;

/** Connection state recovery: a client that drops briefly gets its rooms and missed events back. */
export interface RealtimeRecoveryOptions {
  /**
   * Milliseconds a dropped connection can be recovered for. Works with the in-memory adapter (one
   * process) and `redis-streams`; the classic and sharded Redis adapters cannot recover.
   * @default 120000
   */
  maxDisconnectionMs?: number;
}
