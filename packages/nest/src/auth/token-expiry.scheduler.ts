import { ErrorCode, SystemEvent } from '@tenantcast/protocol';
import type { SystemSocket } from '../gateway/system-socket';
import { DeadlineQueue, type Deadline } from '../timers/deadline-queue';

/** Where a socket's token stands: the warning is next, or the end. */
interface SocketExpiry {
  socket: SystemSocket;
  expiresAt: number;
  phase: 'warning' | 'end';
}

/**
 * Makes sure no connection outlives its token: warns the client `expiryWarningMs` before `exp`
 * (it answers in-band with `refresh-token`), and closes the connection with `TOKEN_EXPIRED` at
 * `exp` if no fresh token arrived. Every socket's next deadline sits in one queue behind one
 * timer, rather than two timers per connection.
 */
export class TokenExpiryScheduler {
  private readonly queue = new DeadlineQueue<SocketExpiry>((expiry) => this.due(expiry));
  private readonly pending = new Map<string, Deadline<SocketExpiry>>();

  constructor(private readonly warningMs: number) {}

  /** (Re)starts the deadlines of a socket from its current `socket.data.tokenExpiresAt`. */
  schedule(socket: SystemSocket): void {
    this.cancel(socket.id);
    const expiresAt = socket.data.tokenExpiresAt;
    this.enqueue({ socket, expiresAt, phase: 'warning' }, expiresAt - this.warningMs);
  }

  /** Stops the deadlines of a socket; call on disconnect. */
  cancel(socketId: string): void {
    const deadline = this.pending.get(socketId);
    if (!deadline) return;
    this.queue.cancel(deadline);
    this.pending.delete(socketId);
  }

  /** Stops everything; call on shutdown. */
  cancelAll(): void {
    this.queue.clear();
    this.pending.clear();
  }

  private enqueue(expiry: SocketExpiry, at: number): void {
    this.pending.set(expiry.socket.id, this.queue.add(at, expiry));
  }

  private due(expiry: SocketExpiry): void {
    const { socket, expiresAt } = expiry;
    if (expiry.phase === 'warning') {
      socket.emit(SystemEvent.TokenExpiring, { expiresAt });
      this.enqueue({ socket, expiresAt, phase: 'end' }, expiresAt);
      return;
    }
    this.pending.delete(socket.id);
    socket.emit(SystemEvent.SessionEnded, {
      code: ErrorCode.TokenExpired,
      message: 'The token expired and was not refreshed; reconnect with a fresh token.',
    });
    socket.disconnect(true);
  }
}
