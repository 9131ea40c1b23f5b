import type { RealtimeUser } from '@tenantcast/protocol';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { ResolvedRateLimits } from '../options/resolved-realtime-options';
import type { RateLimitRule, RedisLimitsClient } from './realtime-limits-options.interface';

/** Which limit refused an event. */
export type RateLimitScope = 'socket' | 'user' | 'tenant';

/** The outcome of {@link EventRateLimiter.consume}. */
export type RateLimitDecision = { allowed: true } | { allowed: false; scope: RateLimitScope; retryAfterMs: number };

/** A Redis store for the per-user limit, shared by every process. */
export interface RedisRateLimitStore {
  client: RedisLimitsClient;
  keyPrefix: string;
}

/**
 * Counts incoming events per socket, per user and per tenant with rate-limiter-flexible. An
 * event is allowed only if all three allow it; they are consumed in that order and a later one is
 * not charged for an event an earlier one refused, so a flooding socket does not eat its user's
 * or tenant's budget, and a flooding user does not eat the tenant's.
 *
 * The socket and tenant limits are counted in this process's memory (they protect this process);
 * the user limit in Redis when a store is given, with this process's memory as the fallback while
 * Redis fails (rate-limiter-flexible's `insuranceLimiter`), so an outage never blocks events.
 */
export class EventRateLimiter {
  private readonly socket: RateLimiterAbstract | undefined;
  private readonly user: RateLimiterAbstract | undefined;
  private readonly tenant: RateLimiterAbstract | undefined;
  /** The longest window of the configured limits, in milliseconds. */
  readonly windowMs: number;

  constructor(rules: ResolvedRateLimits, redis?: RedisRateLimitStore) {
    this.socket = memoryLimiter(rules.perSocket, 'socket');
    this.tenant = memoryLimiter(rules.perTenant, 'tenant');
    const userMemory = memoryLimiter(rules.perUser, 'user');
    this.user =
      redis && rules.perUser
        ? new RateLimiterRedis({
            storeClient: redis.client,
            keyPrefix: `${redis.keyPrefix}:user`,
            points: rules.perUser.points,
            duration: rules.perUser.duration,
            insuranceLimiter: userMemory,
          })
        : userMemory;
    this.windowMs = Math.max(...[rules.perSocket, rules.perUser, rules.perTenant].map((rule) => (rule?.duration ?? 0) * 1000));
  }

  /** Whether any limit is configured. */
  get enabled(): boolean {
    return this.windowMs > 0;
  }

  /** Charges one event of `socketId` (of `user`) and tells whether it may be dispatched. */
  async consume(socketId: string, user: RealtimeUser): Promise<RateLimitDecision> {
    const steps: Array<[RateLimitScope, RateLimiterAbstract | undefined, string]> = [
      ['socket', this.socket, socketId],
      ['user', this.user, `${user.tenantId}:${user.userId}`],
      ['tenant', this.tenant, user.tenantId],
    ];
    for (const [scope, limiter, key] of steps) {
      if (!limiter) continue;
      try {
        await limiter.consume(key);
      } catch (rejection) {
        // Anything but a RateLimiterRes is a store failure without insurance: let the event through.
        if (rejection instanceof RateLimiterRes) return { allowed: false, scope, retryAfterMs: Math.max(0, rejection.msBeforeNext) };
      }
    }
    return { allowed: true };
  }

  /** Drops the counters of a closed socket. */
  forget(socketId: string): void {
    void this.socket?.delete(socketId).catch(() => undefined);
  }
}

function memoryLimiter(rule: RateLimitRule | undefined, keyPrefix: string): RateLimiterMemory | undefined {
  return rule ? new RateLimiterMemory({ keyPrefix, points: rule.points, duration: rule.duration }) : undefined;
}
