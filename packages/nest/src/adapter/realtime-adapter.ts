import type { Logger } from '@nestjs/common';
import type { ServerOptions } from 'socket.io';
import type { RealtimeObserver } from '../observability/realtime-observer';
import type { ResolvedAdapterOptions } from '../options/resolved-realtime-options';
import { adapterClients, closeOwnedClient, untilReady } from './adapter-redis-clients';
import type { AdapterRedisClient } from './adapter-options.interface';
import { guardRedisClient, type GuardedRedisClient } from './guarded-redis-client';
import { loadOptionalPeer } from './optional-peer';

/** The adapter factory Socket.IO's `server.adapter()` takes. */
export type AdapterFactory = NonNullable<ServerOptions['adapter']>;

/** Adapter names as health reports them. */
export type AdapterName = 'memory' | 'redis' | 'redis-sharded' | 'redis-streams';

/** Milliseconds between two log lines about failed adapter commands while Redis is away. */
const FAILURE_LOG_INTERVAL_MS = 10_000;

/**
 * The adapter of one module registration: the factory handed to Socket.IO, its Redis clients,
 * their health, and their shutdown. `memory` has no factory: Socket.IO's own in-memory adapter.
 */
export class RealtimeAdapter {
  private lastFailureLog = 0;

  private constructor(
    /** Which adapter, for health and logs. */
    readonly name: AdapterName,
    /** What `server.adapter()` gets; `undefined` keeps Socket.IO's default. */
    readonly factory: AdapterFactory | undefined,
    private readonly guards: readonly GuardedRedisClient[],
    private readonly owned: AdapterRedisClient | undefined,
  ) {}

  /** Whether events reach other processes. */
  get clustered(): boolean {
    return this.name !== 'memory';
  }

  /**
   * Loads the configured adapter package (an optional peer) and connects its clients. Redis away
   * at boot is not fatal: the adapter starts degraded and resumes when Redis returns. Every
   * failed command is counted through `observer`; the log gets a summary at most every 10 s.
   */
  static async create(options: ResolvedAdapterOptions, logger: Logger, observer: RealtimeObserver): Promise<RealtimeAdapter> {
    if (options.kind === 'memory') return new RealtimeAdapter('memory', undefined, [], undefined);
    const name: AdapterName = options.kind === 'redis-streams' ? 'redis-streams' : options.sharded ? 'redis-sharded' : 'redis';
    const feature = `adapter { type: '${options.kind}'${name === 'redis-sharded' ? ', sharded: true' : ''} }`;
    const clients = await adapterClients(options.connection, feature);
    let adapter: RealtimeAdapter | undefined;
    const onFailure = (error: unknown): void => {
      observer.adapterFailed(name);
      adapter?.reportFailure(error, logger);
    };
    const guarded = guardRedisClient(clients.publisher, onFailure);
    const guards = [guarded];
    const { keyPrefix, requestsTimeoutMs } = options;
    let factory: AdapterFactory;
    if (options.kind === 'redis-streams') {
      const { createAdapter } = await loadOptionalPeer('@socket.io/redis-streams-adapter', feature, () => import('@socket.io/redis-streams-adapter'));
      factory = createAdapter(guarded.client, {
        streamName: keyPrefix,
        channelPrefix: keyPrefix,
        sessionKeyPrefix: `${keyPrefix}:session:`,
        maxLen: options.maxLen,
      }) as AdapterFactory;
    } else {
      const module = await loadOptionalPeer('@socket.io/redis-adapter', feature, () => import('@socket.io/redis-adapter'));
      const ownSubscriber = clients.subscriber === undefined ? undefined : guardRedisClient(clients.subscriber, onFailure);
      if (ownSubscriber) guards.push(ownSubscriber);
      const subscriber = ownSubscriber?.client ?? guarded.client.duplicate();
      factory = (
        options.sharded
          ? module.createShardedAdapter(guarded.client, subscriber, { channelPrefix: keyPrefix })
          : module.createAdapter(guarded.client, subscriber, { key: keyPrefix, requestsTimeout: requestsTimeoutMs, publishOnSpecificResponseChannel: true })
      ) as AdapterFactory;
    }
    adapter = new RealtimeAdapter(name, factory, guards, clients.owned ? clients.publisher : undefined);
    if (!(await untilReady(clients.publisher))) logger.warn(`The ${name} adapter could not reach Redis yet; events stay on this process until it does.`);
    return adapter;
  }

  /** Whether every Redis connection of the adapter is up; always `true` for `memory`. */
  isHealthy(): boolean {
    return this.guards.every((guard) => guard.isReady());
  }

  /**
   * Closes the clients the module created: the subscribers and readers always, the publisher when
   * it came from a URL. Socket.IO has closed the adapter itself by then (unsubscribing).
   */
  async close(): Promise<void> {
    for (const guard of this.guards) guard.closeDuplicates();
    if (this.owned) await closeOwnedClient(this.owned);
  }

  private reportFailure(error: unknown, logger: Logger): void {
    const now = Date.now();
    if (now - this.lastFailureLog < FAILURE_LOG_INTERVAL_MS) return;
    this.lastFailureLog = now;
    logger.warn(`The ${this.name} adapter could not reach Redis; events stay on this process until it returns: ${error instanceof Error ? error.message : String(error)}`);
  }
}
