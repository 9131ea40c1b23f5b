import type { Logger } from '@nestjs/common';
import { ErrorCode, type RealtimeUser } from '@tenantcast/protocol';
import { HandshakeError } from '../errors/handshake.error';
import type { SystemSocket } from '../gateway/system-socket';
import { quoteErrorMessage } from '../logging/log-values';
import type { ConnectionCaps, ConnectionCounter, CountedConnection } from './connection-counter';

/** A failing store is reported at most this often, not once per handshake. */
const FAILURE_LOG_INTERVAL_MS = 10_000;

/**
 * Applies the per-user and per-tenant connection caps at the handshake: a connection above a cap
 * is refused with `CONNECTION_LIMIT` before any gateway sees it; an admitted one is released when
 * it disconnects or its transport closes (whichever comes first; both are harmless twice). While
 * the store fails (Redis away), connections are admitted: the caps protect against abuse and
 * must not take realtime down with Redis.
 */
export class ConnectionLimiter {
  private lastFailureLog = 0;

  constructor(
    private readonly counter: ConnectionCounter,
    private readonly caps: ConnectionCaps,
    private readonly logger: Logger,
  ) {}

  /** Whether any cap is configured. */
  get enabled(): boolean {
    return this.caps.perUser !== undefined || this.caps.perTenant !== undefined;
  }

  /** Counts the connection of `user` on `socket`, or throws a `HandshakeError` `CONNECTION_LIMIT`. */
  async admit(socket: SystemSocket, user: RealtimeUser): Promise<void> {
    if (!this.enabled) return;
    const connection: CountedConnection = { tenantId: user.tenantId, userId: user.userId, connectionId: socket.id };
    let outcome;
    try {
      outcome = await this.counter.acquire(connection, this.caps);
    } catch (error) {
      this.reportFailure(error);
      return;
    }
    if (outcome !== 'ok') {
      const cap = outcome === 'user' ? `${this.caps.perUser} per user` : `${this.caps.perTenant} per tenant`;
      throw new HandshakeError(ErrorCode.ConnectionLimit, `connection cap reached (${cap})`);
    }
    // The transport's close also covers a socket that never completes its connection; the
    // connection handler calls release() on disconnect too. Releasing twice is harmless.
    socket.conn.once('close', () => this.release(socket, user));
  }

  /** Gives back the connection of `user` on `socket`; harmless for one never counted or released already. */
  release(socket: SystemSocket, user: RealtimeUser): void {
    if (!this.enabled) return;
    const connection: CountedConnection = { tenantId: user.tenantId, userId: user.userId, connectionId: socket.id };
    void this.counter.release(connection).catch((error: unknown) => this.reportFailure(error));
  }

  /** Stops the counter's timers. */
  close(): Promise<void> {
    return this.counter.close();
  }

  private reportFailure(error: unknown): void {
    const now = Date.now();
    if (now - this.lastFailureLog < FAILURE_LOG_INTERVAL_MS) return;
    this.lastFailureLog = now;
    this.logger.warn(`Connection caps are not enforced while their store fails: ${quoteErrorMessage(error)}`);
  }
}


