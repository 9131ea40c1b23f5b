import type { RedisPresenceClient } from './redis-presence-options.interface';

/** A client the presence store created from a URL, and therefore closes. */
export interface OwnedRedisPresenceClient extends RedisPresenceClient {
  /** Closes the connection at once and stops reconnecting. */
  disconnect(): void;
  /** Registers a listener; the store listens for `ready` to resynchronise after a reconnection. */
  on(event: 'ready', listener: () => void): unknown;
}

/**
 * Milliseconds a command may take before it is rejected. Presence must fail fast while Redis is
 * stalled rather than pile up callers.
 */
const COMMAND_TIMEOUT_MS = 2_000;

/**
 * Creates and connects an ioredis client for `url`. ioredis is an optional peer dependency, so
 * it is imported here, only when a URL is configured.
 */
export async function createRedisPresenceClient(url: string): Promise<OwnedRedisPresenceClient> {
  let Redis: typeof import('ioredis').Redis;
  try {
    ({ Redis } = await import('ioredis'));
  } catch (error) {
    throw new Error('The Redis presence store needs the optional peer dependency ioredis: run `npm install ioredis`.', {
      cause: error,
    });
  }
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: COMMAND_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    // No offline queue: while Redis is away commands fail at once instead of being replayed,
    // stale, after it comes back.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
  });
  // Outages surface as rejected commands and as isHealthy() === false; without a listener
  // ioredis would print every failed reconnection attempt.
  client.on('error', () => undefined);
  // A first attempt that fails (Redis down at start-up) is not fatal: ioredis keeps reconnecting
  // in the background and commands fail fast until it succeeds.
  await client.connect().catch(() => undefined);
  return client;
}
