import { Redis } from 'ioredis';

/** The Redis the tests use; `npm test` starts one on 127.0.0.1:6379 when none answers. */
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix no other test run shares. */
export function uniquePrefix(label: string): string {
  return `tc-test:${label}:${process.pid}:${Date.now().toString(36)}:${Math.random().toString(36).slice(2, 8)}`;
}

/** A client that fails fast instead of retrying: a test must report a missing Redis, not hang. */
export function fastFailingRedis(url = REDIS_URL): Redis {
  const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, connectTimeout: 2_000, retryStrategy: () => null });
  // Failures surface as rejected commands; without a listener ioredis would also print each one.
  client.on('error', () => undefined);
  return client;
}

/** Fails with a clear message when Redis is not reachable, instead of timing out later. */
export async function requireRedis(url = REDIS_URL): Promise<void> {
  const client = fastFailingRedis(url);
  // The connection's own error (ECONNREFUSED, …) says more than the rejected command's.
  let cause: unknown;
  client.once('error', (error) => (cause = error));
  try {
    await client.connect();
    await client.ping();
  } catch (error) {
    throw new Error(`These tests need Redis and none answers at ${url} (${String(cause ?? error)}). Start one (redis-server) or set REDIS_URL.`);
  } finally {
    client.disconnect();
  }
}

/** The keys under `prefix` (a key prefix, matched as `prefix*`). */
export async function keysUnder(prefix: string, url = REDIS_URL): Promise<string[]> {
  const client = fastFailingRedis(url);
  try {
    await client.connect();
    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      keys.push(...batch);
    } while (cursor !== '0');
    return keys;
  } finally {
    client.disconnect();
  }
}

/** Deletes every key under `prefix`. */
export async function deleteKeys(prefix: string, url = REDIS_URL): Promise<void> {
  const keys = await keysUnder(prefix, url);
  if (keys.length === 0) return;
  const client = fastFailingRedis(url);
  try {
    await client.connect();
    await client.del(...keys);
  } finally {
    client.disconnect();
  }
}
