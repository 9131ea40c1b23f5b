import type { Logger } from '@nestjs/common';
import { ErrorCode, type ErrorPayload, type RealtimeUser } from '@tenantcast/protocol';
import type { EmitObserver, EmitTarget } from '../broadcast/emit-observer';
import { RealtimeError } from '../errors/realtime.error';
import type { HandshakeError } from '../errors/handshake.error';
import type { SystemSocket } from '../gateway/system-socket';
import type { RateLimitScope } from '../limits/event-rate-limiter';
import { ConnectionLog } from '../logging/connection-log';
import { InstrumentedPresenceStore } from '../metrics/instrumented-presence-store';
import { RealtimeMetrics } from '../metrics/realtime-metrics';
import type { ResolvedRealtimeOptions } from '../options/resolved-realtime-options';
import type { PresenceStore } from '../presence/presence-store.interface';

/** A resource room as the lifecycle points report it. */
export interface ObservedRoom {
  room: string;
  kind: string;
}

/**
 * The one place every connection lifecycle point of the module is reported to: the handshake
 * middleware, the connection handler, room membership, the event guard, the emit helpers, the
 * adapter and the recovery gate each make one call here, and the structured log and the metrics
 * both hear it with the same facts, so they can never disagree about what happened.
 *
 * The metrics exist only while they are on. Callers on per-event paths ask {@link measuring}
 * first, so with metrics off an event costs nothing more than it did before.
 */
export class RealtimeObserver implements EmitObserver {
  constructor(
    private readonly log: ConnectionLog,
    private readonly metrics: RealtimeMetrics | undefined,
  ) {}

  /** Builds the observer of one module registration, loading `@opentelemetry/api` only when metrics are on. */
  static async create(options: ResolvedRealtimeOptions, logger: Logger): Promise<RealtimeObserver> {
    const metrics = options.metrics.enabled ? await RealtimeMetrics.create(options.metrics) : undefined;
    return new RealtimeObserver(new ConnectionLog(logger, options.logging), metrics);
  }

  /** Whether measurements are taken; per-event callers skip their calls when not. */
  get measuring(): boolean {
    return this.metrics !== undefined;
  }

  /** The presence store the module's parts should use: `store`, timed and counted while metrics are on. */
  instrumentPresence(store: PresenceStore): PresenceStore {
    return this.metrics ? new InstrumentedPresenceStore(store, this.metrics) : store;
  }

  /** The start of a handshake, for its duration; `0` (no clock read) while nothing measures. */
  handshakeStarted(): number {
    return this.metrics ? performance.now() : 0;
  }

  handshakeAccepted(startedAt: number): void {
    this.metrics?.handshakeAccepted(startedAt);
  }

  /** A refused handshake; `user` when its token was verified (it hit a connection cap). */
  handshakeRefused(socket: SystemSocket, refusal: HandshakeError, user: RealtimeUser | undefined, startedAt: number): void {
    this.log.handshakeRefused(socket, refusal, user);
    this.metrics?.handshakeRefused(refusal.data.code, user, startedAt);
  }

  connected(socket: SystemSocket): void {
    this.log.connected(socket);
    this.metrics?.connected(socket);
  }

  disconnected(socket: SystemSocket, reason: string): void {
    this.log.disconnected(socket, reason);
    this.metrics?.disconnected(socket, reason);
  }

  joined(socket: SystemSocket, { room, kind }: ObservedRoom): void {
    this.log.joined(socket, room);
    this.metrics?.joined(socket, kind);
  }

  left(socket: SystemSocket, { room, kind }: ObservedRoom): void {
    this.log.left(socket, room);
    this.metrics?.left(socket, kind);
  }

  /**
   * A refused join or leave, answered with `payload`; `error` is what was thrown. One whose
   * connection closed while it ran was abandoned, not refused: logged as such, not counted.
   */
  roomRefused(operation: 'join' | 'leave', socket: SystemSocket, payload: ErrorPayload, error: unknown): void {
    this.log.roomRefused(operation, socket, payload, error);
    if (operation === 'join' && !socket.disconnected) this.metrics?.joinRefused(socket, payload.code);
  }

  /** An event arrived from a client; only called while {@link measuring}. */
  eventReceived(socket: SystemSocket, event: unknown): void {
    this.metrics?.eventReceived(socket, event);
  }

  /** An event was refused with `RATE_LIMITED` (the guard writes its own, bounded, log lines). */
  rateLimited(socket: SystemSocket, scope: RateLimitScope): void {
    this.metrics?.rateLimited(socket, scope);
  }

  emitted(target: EmitTarget, type: string, tenantId: string): void {
    this.metrics?.emitted(target, type, tenantId);
  }

  emitFailed(target: EmitTarget, error: unknown): void {
    this.metrics?.emitFailed(target, error instanceof RealtimeError ? error.code : ErrorCode.Internal);
  }

  /** An adapter command failed or was not sent (Redis away); the adapter logs its own summary. */
  adapterFailed(adapter: string): void {
    this.metrics?.adapterFailed(adapter);
  }

  /** A recovered session was handed back to `user`, or refused (`reason` says why); the connection then starts fresh. */
  recovery(outcome: 'restored' | 'refused', socket: SystemSocket, user: RealtimeUser, reason?: string): void {
    if (outcome === 'refused') this.log.recoveryRefused(socket, user, reason ?? 'refused');
    this.metrics?.recovery(outcome, user);
  }
}
