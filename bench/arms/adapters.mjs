// Socket.IO's own Redis adapters for plain servers (the bare and hand-written arms of B7), with
// ioredis clients they own. The library arm never uses this: it gets its adapter from the
// module's `adapter` option.

/** Adapter kinds the bench knows; `redis-sharded` needs Redis 7 (SPUBLISH). */
export const ADAPTER_TYPES = Object.freeze(['redis', 'redis-sharded', 'redis-streams']);

/** The adapter factory for `io.adapter()` and a `close()` for its clients. */
export async function createAdapterFactory({ type, url }) {
  const { Redis } = await import('ioredis');
  const clients = [];
  const client = () => {
    const redis = new Redis(url, { maxRetriesPerRequest: 3 });
    // Redis restarts (B7b) surface as reconnections; the adapters resume on their own.
    redis.on('error', () => undefined);
    clients.push(redis);
    return redis;
  };
  let factory;
  if (type === 'redis' || type === 'redis-sharded') {
    const { createAdapter, createShardedAdapter } = await import('@socket.io/redis-adapter');
    const pub = client();
    const sub = client();
    factory = type === 'redis' ? createAdapter(pub, sub) : createShardedAdapter(pub, sub);
  } else if (type === 'redis-streams') {
    const { createAdapter } = await import('@socket.io/redis-streams-adapter');
    factory = createAdapter(client());
  } else {
    throw new Error(`unknown adapter type '${type}' (known: ${ADAPTER_TYPES.join(', ')})`);
  }
  return {
    factory,
    async close() {
      await Promise.all(clients.map((redis) => redis.quit().catch(() => redis.disconnect())));
    },
  };
}
