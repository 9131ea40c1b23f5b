// The `library` arm: the real @tenantcast/nest module in a NestJS app, deployed the way a user
// does it: `RealtimeModule.forRoot` with JWT (HS256 secret), tenant rooms, presence (memory, Redis,
// or a no-op store for the JWT-only variant of B1), the app's own `@RealtimeGateway` handlers,
// and, for the multi-node scenarios, the module's `adapter` option.
import 'reflect-metadata';
import { createRequire } from 'node:module';
import { addAppHandlers, libraryModuleOptions } from './shared.mjs';

const require = createRequire(import.meta.url);
const { Adapter: InMemoryAdapter } = require(require.resolve('socket.io-adapter', { paths: [require.resolve('socket.io')] }));

/** The adapter class Socket.IO ends up with for each `adapter.type` the bench asks for. */
const EXPECTED_ADAPTER = { redis: 'RedisAdapter', 'redis-sharded': 'ShardedRedisAdapter', 'redis-streams': 'RedisStreamsAdapter' };

export async function start(config) {
  const { Module } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { RealtimeModule, RealtimeService, RealtimeGateway, RealtimeConfigError } = await import('@tenantcast/nest');

  const options = { ...libraryModuleOptions(config.secret), presence: presenceOption(config) };
  if (config.adapter) options.adapter = { type: config.adapter.type, url: config.adapter.url };

  const providers = [];
  if (config.handlers || config.rpc) {
    class AppGateway {}
    await addAppHandlers(AppGateway, config);
    providers.push(Reflect.decorate([RealtimeGateway()], AppGateway));
  }
  class BenchModule {}
  Reflect.decorate([Module({ imports: [RealtimeModule.forRoot(options)], providers })], BenchModule);

  let app;
  try {
    app = await NestFactory.create(BenchModule, { logger: ['error', 'warn'], abortOnError: false });
    await app.listen(0, '127.0.0.1');
  } catch (error) {
    await app?.close().catch(() => undefined);
    if (config.adapter && error instanceof RealtimeConfigError) return { unavailable: `the module refused adapter ${config.adapter.type}: ${error.message}` };
    throw error;
  }
  const realtime = app.get(RealtimeService);
  const namespace = realtime.namespace;
  const adapter = namespace.adapter;
  if (config.adapter) {
    const got = adapter.constructor.name;
    if (adapter.constructor === InMemoryAdapter || got !== EXPECTED_ADAPTER[config.adapter.type]) {
      await app.close();
      return {
        unavailable:
          adapter.constructor === InMemoryAdapter
            ? `RealtimeModule has no \`adapter\` option yet (asked for ${config.adapter.type}, the namespace kept the in-memory adapter)`
            : `asked for ${config.adapter.type}, the module installed ${got}`,
      };
    }
  }
  return {
    port: app.getHttpServer().address().port,
    namespace,
    adapterName: adapter.constructor.name,
    emit: (tenantId, event, data) => realtime.emitToTenant(tenantId, event, data),
    presence: realtime.presence,
    close: () => app.close(),
  };
}

function presenceOption(config) {
  switch (config.presence ?? 'memory') {
    case 'memory':
      return 'memory';
    case 'redis':
      return {
        store: 'redis',
        url: config.redisUrl,
        keyPrefix: config.keyPrefix,
        ...(config.presenceTtlMs ? { ttlMs: config.presenceTtlMs } : {}),
      };
    case 'none':
      return { store: noPresence };
    default:
      throw new Error(`unknown presence '${config.presence}'`);
  }
}

/**
 * A presence store that records nothing, through the module's public `{ store }` option: the
 * library with JWT and rooms but no presence write (B1's JWT-only variant).
 */
const noPresence = Object.freeze({
  name: 'none',
  addConnection: async () => ({ cameOnline: false }),
  removeConnection: async () => ({ wentOffline: false, roomsLeft: [], meta: {} }),
  joinRoom: async () => ({ entered: false }),
  leaveRoom: async () => ({ left: false }),
  online: async () => [],
  count: async () => 0,
  isOnline: async () => false,
  inRoom: async () => [],
  sweepExpired: async () => [],
  isHealthy: async () => true,
  close: async () => undefined,
});
