import type { Logger } from '@nestjs/common';
import {
  ErrorCode,
  presenceRoom,
  SystemEvent,
  tenantRoom,
  userRoom,
  type OkAck,
  type PresenceSnapshotAck,
  type RefreshTokenAck,
  type ServerSettings,
} from '@tenantcast/protocol';
import type { TokenAuthenticator } from '../auth/token-authenticator';
import type { TokenExpiryScheduler } from '../auth/token-expiry.scheduler';
import { HandshakeError } from '../errors/handshake.error';
import { RealtimeError } from '../errors/realtime.error';
import type { ConnectionLimiter } from '../limits/connection-limiter';
import type { EventGuard } from '../limits/event-guard';
import { quoteLogValue } from '../logging/log-values';
import type { RealtimeObserver } from '../observability/realtime-observer';
import type { PresenceReader } from '../presence/presence-reader';
import type { PresenceTracker } from '../presence/presence-tracker';
import type { RoomMembership } from '../rooms/room-membership';
import { answerRequest } from './answer-request';
import type { SystemSocket } from './system-socket';

/** What the connection handler works with; built once per module. */
export interface ConnectionHandlerOptions {
  /** Sent to every client in `connected`. */
  settings: ServerSettings;
  authenticator: TokenAuthenticator;
  expiry: TokenExpiryScheduler;
  tracker: PresenceTracker;
  reader: PresenceReader;
  membership: RoomMembership;
  logger: Logger;
  /** Rate limits and payload checks, run on every incoming event before any handler. */
  guard: EventGuard;
  /** The connection caps, released on disconnect. */
  connections: ConnectionLimiter;
  /** Hears each connect and disconnect (the lifecycle log and metrics). */
  observer: RealtimeObserver;
}

/**
 * Sets up each authenticated socket: installs the event guard (rate limits, payload checks),
 * joins its tenant and user rooms, records presence, starts the token-expiry timers, answers the
 * system events (`join`, `leave`, `presence-subscribe`,
 * `presence-unsubscribe`, `refresh-token`) and cleans up on disconnect.
 */
export class ConnectionHandler {
  constructor(private readonly deps: ConnectionHandlerOptions) {}

  /**
   * Handles one new, already authenticated socket. Everything per socket is kept to one
   * middleware and one listener: a process holds thousands of sockets, and each listener costs
   * every one of them a few hundred bytes.
   */
  handle(socket: SystemSocket): void {
    const { user } = socket.data;
    const { expiry, tracker, guard, connections, observer } = this.deps;
    guard.install(socket);
    // After the guard, so the system events pass the rate limits and payload checks too.
    socket.use((packet, next) => {
      if (!this.dispatchSystemEvent(socket, packet)) next();
    });
    // Synchronous with the in-memory adapter, so app gateways' handleConnection already sees the rooms.
    void socket.join([tenantRoom(user.tenantId), userRoom(user.tenantId, user.userId)]);
    expiry.schedule(socket);
    socket.once('disconnect', (reason) => {
      expiry.cancel(socket.id);
      guard.release(socket);
      connections.release(socket, user);
      void tracker.disconnected(socket);
      observer.disconnected(socket, reason);
    });
    observer.connected(socket);
    void tracker
      .connected(socket)
      // Socket.IO restored a recovered socket's rooms; presence learns of them like of joins.
      .then(() => (socket.recovered ? tracker.restoredRooms(socket) : undefined))
      .then(() => {
        if (!socket.connected) return;
        const { user, tokenExpiresAt } = socket.data;
        socket.emit(SystemEvent.Connected, { user, server: this.deps.settings, tokenExpiresAt, recovered: socket.recovered });
      });
  }

  /**
   * Answers a system event (`join`, `leave`, `presence-subscribe`, `presence-unsubscribe`,
   * `refresh-token`) on its acknowledgement; resolves `false` for any other event, which goes on
   * to the app's handlers. A failure becomes an `{ ok: false, error }` acknowledgement, never an
   * unhandled rejection.
   */
  private dispatchSystemEvent(socket: SystemSocket, packet: unknown[]): boolean {
    const event = packet[0];
    const { membership } = this.deps;
    let run: ((payload: unknown) => Promise<unknown>) | undefined;
    switch (event) {
      case SystemEvent.Join:
        run = (payload) => membership.join(socket, field(payload, 'kind'), field(payload, 'id'));
        break;
      case SystemEvent.Leave:
        run = (payload) => membership.leave(socket, field(payload, 'kind'), field(payload, 'id'));
        break;
      case SystemEvent.PresenceSubscribe:
        run = () => this.subscribePresence(socket);
        break;
      case SystemEvent.PresenceUnsubscribe:
        run = () => this.unsubscribePresence(socket);
        break;
      case SystemEvent.RefreshToken:
        run = (payload) => this.refreshToken(socket, payload);
        break;
      default:
        return false;
    }
    answerRequest(packet, run, this.deps.logger, event);
    return true;
  }

  private async subscribePresence(socket: SystemSocket): Promise<PresenceSnapshotAck> {
    const { tenantId } = socket.data.user;
    await socket.join(presenceRoom(tenantId));
    return { ok: true, members: await this.deps.reader.tenantSnapshot(tenantId) };
  }

  private async unsubscribePresence(socket: SystemSocket): Promise<OkAck> {
    await socket.leave(presenceRoom(socket.data.user.tenantId));
    return { ok: true };
  }

  private async refreshToken(socket: SystemSocket, payload: unknown): Promise<RefreshTokenAck> {
    const token = field(payload, 'token');
    if (typeof token !== 'string' || token.length === 0) {
      throw new RealtimeError(ErrorCode.InvalidPayload, 'refresh-token expects { token: string }.');
    }
    const { authenticator, expiry, logger, membership } = this.deps;
    const current = socket.data.user;
    try {
      const { user, expiresAt } = await authenticator.authenticate(token);
      if (user.userId !== current.userId || user.tenantId !== current.tenantId) {
        throw new HandshakeError(ErrorCode.Unauthorized, 'refreshed token is for another user or tenant');
      }
      socket.data.user = user;
      socket.data.tokenExpiresAt = expiresAt;
    } catch (error) {
      const refusal = HandshakeError.from(error);
      logger.warn(
        `Refused token refresh code=${refusal.data.code} tenant=${quoteLogValue(current.tenantId)} user=${quoteLogValue(current.userId)} socket=${socket.id} reason=${quoteLogValue(refusal.reason)}`,
      );
      return { ok: false, error: refusal.toPayload() };
    }
    expiry.schedule(socket);
    // The new claims may allow less than the old ones: rooms they no longer allow are left before the ack.
    await membership.reauthorize(socket);
    return { ok: true, expiresAt: socket.data.tokenExpiresAt };
  }
}

function field(payload: unknown, name: string): unknown {
  return typeof payload === 'object' && payload !== null ? (payload as Record<string, unknown>)[name] : undefined;
}
