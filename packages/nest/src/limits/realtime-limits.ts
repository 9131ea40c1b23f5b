import type { Logger } from '@nestjs/common';
import type { RealtimeObserver } from '../observability/realtime-observer';
import type { ResolvedLimits } from '../options/resolved-realtime-options';
import { createRedisPresenceClient, type OwnedRedisPresenceClient } from '../presence/redis-presence-client.factory';
import type { RedisPresenceClient } from '../presence/redis-presence-options.interface';
import type { ConnectionCounter } from './connection-counter';
import { ConnectionLimiter } from './connection-limiter';
import { EventGuard } from './event-guard';
import { EventRateLimiter } from './event-rate-limiter';
import { MemoryConnectionCounter } from './memory-connection-counter';
import type { RedisLimitsClient } from './realtime-limits-options.interface';
import { RedisConnectionCounter } from './redis-connection-counter';

/**
 * The limits of one module registration: the guard every incoming event passes, and the
 * connection caps of the handshake, with their store (memory, or Redis for every process).
 */
export class RealtimeLimits {
  private constructor(
    /** Rate limits and payload shape of incoming events. */
    readonly guard: EventGuard,
    /** Per-user and per-tenant connection caps. */
    readonly connections: ConnectionLimiter,
    private readonly owned: OwnedRedisPresenceClient | undefined,
  ) {}

  /** Builds the limits, connecting to Redis first when the store is a URL. */
  static async create(limits: ResolvedLimits, logger: Logger, observer: RealtimeObserver): Promise<RealtimeLimits> {
    const { store } = limits;
    let owned: OwnedRedisPresenceClient | undefined;
    let redis: RedisLimitsClient | undefined;
    if (store.kind === 'redis') {
      if (store.url !== undefined) owned = await createRedisPresenceClient(store.url);
      redis = (owned as unknown as RedisLimitsClient | undefined) ?? store.client;
    }
    const rateLimit = limits.rateLimit ?? { perSocket: undefined, perUser: undefined, perTenant: undefined, disconnectAfterMs: Number.MAX_SAFE_INTEGER };
    const limiter = new EventRateLimiter(rateLimit, redis && store.kind === 'redis' ? { client: redis, keyPrefix: store.keyPrefix } : undefined);
    const guard = new EventGuard({ limiter, maxPayloadDepth: limits.maxPayloadDepth, disconnectAfterMs: rateLimit.disconnectAfterMs, logger, observer });
    const counter: ConnectionCounter =
      redis && store.kind === 'redis' ? new RedisConnectionCounter(Promise.resolve<RedisPresenceClient>(redis), store.keyPrefix) : new MemoryConnectionCounter();
    const connections = new ConnectionLimiter(counter, { perUser: limits.maxConnectionsPerUser, perTenant: limits.maxConnectionsPerTenant }, logger);
    return new RealtimeLimits(guard, connections, owned);
  }

  /** Stops the counters' timers and closes a Redis client the module created; called by `RealtimeShutdown`. */
  async close(): Promise<void> {
    await this.connections.close();
    await this.owned?.quit().catch(() => this.owned?.disconnect());
  }
}
