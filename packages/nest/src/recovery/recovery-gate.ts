import { randomBytes } from 'node:crypto';
import type { RealtimeUser } from '@tenantcast/protocol';
import type { AdapterFactory } from '../adapter/realtime-adapter';
import type { SystemSocket } from '../gateway/system-socket';
import type { RealtimeObserver } from '../observability/realtime-observer';
import { deferRecovery } from './defer-recovery';
import type { PendingRecoveries } from './pending-recoveries';

const EVENT_PACKET = 2;

/** Socket.IO internals the gate sets; both are written by Socket.IO itself during a restore. */
interface RecoverableSocket {
  recovered: boolean;
  pid: string;
  packet(packet: { type: number; data: unknown[] }): void;
}

/**
 * Decides, in the handshake middleware after the new token is verified, whether a recovered
 * connection gets its session back. Only when the restored session belonged to the very user
 * and tenant the new token names are its rooms re-joined and its missed events sent, in order;
 * otherwise the connection starts fresh: no rooms, no events, `recovered` false and a new
 * private session id, so the client sees `socket.recovered === false`.
 */
export class RecoveryGate {
  /**
   * @param pending where restored sessions wait; `undefined` when recovery is off
   * @param observer hears each recovery handed back or refused
   */
  constructor(
    private readonly pending: PendingRecoveries | undefined,
    private readonly observer: RealtimeObserver,
  ) {}

  /** The adapter factory to install: `base`, made to hold restored sessions back when recovery is on. */
  wrapAdapter(base: AdapterFactory): AdapterFactory {
    return this.pending ? deferRecovery(base, this.pending) : base;
  }

  /**
   * Completes or refuses the recovery of `socket` for the verified `user`. Call before the
   * middleware overwrites `socket.data` with the new user.
   * @returns whether the session was restored
   */
  settle(socket: SystemSocket, user: RealtimeUser): boolean {
    const recoverable = socket as unknown as RecoverableSocket;
    if (!this.pending || !socket.recovered) return false;
    const deferred = this.pending.take(socket.id);
    const previous = (socket.data as { user?: RealtimeUser } | undefined)?.user;
    if (deferred && previous?.userId === user.userId && previous.tenantId === user.tenantId) {
      void socket.join(deferred.rooms);
      for (const data of deferred.missedPackets) recoverable.packet({ type: EVENT_PACKET, data });
      this.observer.recovery('restored', socket, user);
      return true;
    }
    this.observer.recovery('refused', socket, user, deferred ? 'the session belonged to another user' : 'the session was held longer than connectTimeout');
    recoverable.recovered = false;
    // Socket.IO's own private id format: 20 characters of URL-safe base64.
    recoverable.pid = randomBytes(15).toString('base64url');
    socket.data = {} as SystemSocket['data'];
    return false;
  }

  /** Forgets what a refused handshake had restored; nothing of it is ever sent. */
  discard(socket: SystemSocket): void {
    this.pending?.take(socket.id);
  }
}
