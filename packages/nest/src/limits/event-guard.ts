import type { Logger } from '@nestjs/common';
import { ErrorCode, SystemEvent, type ErrorAck } from '@tenantcast/protocol';
import type { SystemSocket } from '../gateway/system-socket';
import { quoteLogValue } from '../logging/log-values';
import type { RealtimeObserver } from '../observability/realtime-observer';
import type { EventRateLimiter, RateLimitScope } from './event-rate-limiter';
import { describePayloadProblem, measurePayload } from './payload-shape';

/** A flooding socket is summarised in the log at most this often. */
export const RATE_LIMIT_LOG_INTERVAL_MS = 10_000;

/** What the guard needs. */
export interface EventGuardOptions {
  limiter: EventRateLimiter;
  maxPayloadDepth: number;
  disconnectAfterMs: number;
  logger: Logger;
  /** Counts received events (while metrics are on) and rate-limit hits. */
  observer: RealtimeObserver;
}

/** One socket's current run of refused events. */
interface Streak {
  since: number;
  last: number;
  /** Refusals not yet written to the log. */
  unlogged: number;
  loggedAt: number;
  scope: RateLimitScope;
}

type Packet = unknown[];

/**
 * The first thing every incoming event of a socket passes (`socket.use`), system and application
 * events alike, before any handler: the rate limits, then the payload's shape (nesting depth,
 * cycles). A refused event is answered on its acknowledgement (`RATE_LIMITED` with
 * `retryAfterMs`, or `INVALID_PAYLOAD` with `details`) and never dispatched; the socket stays
 * connected, unless it keeps exceeding a limit for `disconnectAfterMs`, then it is closed with
 * `session-ended` `RATE_LIMITED`.
 *
 * A flood writes a bounded number of log lines: one when a socket's refusals start, then a
 * summary at most every {@link RATE_LIMIT_LOG_INTERVAL_MS}, and one when it disconnects.
 */
export class EventGuard {
  private readonly streaks = new Map<string, Streak>();
  /** Read once: with metrics off, an event costs no observer call. */
  private readonly countsEvents: boolean;

  constructor(private readonly options: EventGuardOptions) {
    this.countsEvents = options.observer.measuring;
  }

  /** Installs the guard on a socket; call before any handler is registered. */
  install(socket: SystemSocket): void {
    socket.use((packet: Packet, next) => {
      if (this.countsEvents) this.options.observer.eventReceived(socket, packet[0]);
      void this.admit(socket, packet).then((admitted) => {
        if (admitted) next();
      });
    });
  }

  /** Forgets a socket that disconnected: its refusal streak, logged first, and its rate-limit state. */
  release(socket: SystemSocket): void {
    this.flushSummary(socket);
    this.streaks.delete(socket.id);
    this.options.limiter.forget(socket.id);
  }

  private async admit(socket: SystemSocket, packet: Packet): Promise<boolean> {
    const { limiter, maxPayloadDepth } = this.options;
    const ack = typeof packet[packet.length - 1] === 'function' ? (packet[packet.length - 1] as (response: ErrorAck) => void) : undefined;
    if (limiter.enabled) {
      const decision = await limiter.consume(socket.id, socket.data.user);
      if (!decision.allowed) {
        ack?.({ ok: false, error: { code: ErrorCode.RateLimited, message: `Too many events (${decision.scope} limit); retry in ${decision.retryAfterMs} ms.`, retryAfterMs: decision.retryAfterMs } });
        this.options.observer.rateLimited(socket, decision.scope);
        this.recordRefusal(socket, decision.scope);
        return false;
      }
    }
    const args = ack ? packet.slice(1, -1) : packet.slice(1);
    const measure = measurePayload(args, maxPayloadDepth + 1);
    if (!measure.ok) {
      const problem = { ...measure.problem, path: measure.problem.path.slice(1) };
      const message = describePayloadProblem(problem, maxPayloadDepth);
      ack?.({ ok: false, error: { code: ErrorCode.InvalidPayload, message: `Invalid payload: ${message}.`, details: [{ path: problem.path, message }] } });
      this.options.logger.warn(`Refused event=${quoteLogValue(packet[0])} code=INVALID_PAYLOAD tenant=${quoteLogValue(socket.data.user.tenantId)} user=${quoteLogValue(socket.data.user.userId)} socket=${socket.id}: ${message}`);
      return false;
    }
    return socket.connected;
  }

  private recordRefusal(socket: SystemSocket, scope: RateLimitScope): void {
    const now = Date.now();
    let streak = this.streaks.get(socket.id);
    if (!streak || now - streak.last > this.options.limiter.windowMs) {
      this.flushSummary(socket);
      streak = { since: now, last: now, unlogged: 0, loggedAt: 0, scope };
      this.streaks.set(socket.id, streak);
    }
    streak.last = now;
    streak.scope = scope;
    streak.unlogged += 1;
    if (now - streak.loggedAt >= RATE_LIMIT_LOG_INTERVAL_MS) this.writeSummary(socket, streak, now);
    if (now - streak.since >= this.options.disconnectAfterMs && socket.connected) {
      this.writeSummary(socket, streak, now);
      this.options.logger.warn(`Disconnected socket=${socket.id} ${identity(socket)} reason=rate-limited for ${now - streak.since} ms`);
      socket.emit(SystemEvent.SessionEnded, { code: ErrorCode.RateLimited, message: 'Too many events for too long; the connection was closed. Slow down, then reconnect.' });
      socket.disconnect(true);
    }
  }

  private flushSummary(socket: SystemSocket): void {
    const streak = this.streaks.get(socket.id);
    if (streak && streak.unlogged > 0) this.writeSummary(socket, streak, Date.now());
  }

  private writeSummary(socket: SystemSocket, streak: Streak, now: number): void {
    if (streak.unlogged === 0) return;
    this.options.logger.warn(`Rate limited socket=${socket.id} ${identity(socket)} scope=${streak.scope} refused=${streak.unlogged} since=${now - streak.since}ms`);
    streak.unlogged = 0;
    streak.loggedAt = now;
  }
}

function identity(socket: SystemSocket): string {
  const { tenantId, userId } = socket.data.user;
  return `tenant=${quoteLogValue(tenantId)} user=${quoteLogValue(userId)}`;
}
