import { ErrorCode, SystemEvent, type ConnectedPayload, type ErrorPayload, type TokenExpiringPayload } from '@tenantcast/protocol';
import type { Manager } from 'socket.io-client';
import { reconnectDelay, type ReconnectionOptions } from './backoff';
import type { RealtimeLogger } from './logger';
import { ManagerBackoff } from './manager-backoff';
import { RealtimeClientError } from './realtime-client-error';
import type { RealtimeStatus, RealtimeTransport, StatusStore } from './status-store';
import type { SystemRequest, SystemSocket } from './system-socket';
import { canRefresh, resolveToken, type TokenRequestReason, type TokenSource } from './token-provider';

/** @internal */
export interface ConnectionSupervisorDeps {
  manager: Manager;
  socket: SystemSocket;
  request: SystemRequest;
  token: TokenSource;
  reconnection: ReconnectionOptions | false;
  requestTimeoutMs: number;
  status: StatusStore;
  logger: RealtimeLogger;
  reportError(error: RealtimeClientError): void;
  /** The server sent `connected`: rooms and presence subscriptions are re-established. */
  onAuthenticated(): void;
  /** The connection dropped: every server-side subscription is gone. */
  onConnectionLost(): void;
  random?: () => number;
}

type AuthCode = typeof ErrorCode.Unauthorized | typeof ErrorCode.TokenExpired;

/**
 * @internal Turns socket.io-client's events into the client's status and fills the gaps in its
 * reconnection:
 *
 * - transport loss or an unreachable server: socket.io-client's Manager retries, with our delays
 *   ({@link ManagerBackoff});
 * - a refusal by the server's middleware (`connect_error` with `data.code`): socket.io-client
 *   stops. `UNAUTHORIZED` / `TOKEN_EXPIRED`: one more attempt with a fresh token, then
 *   `unauthorized`. Other codes (`CONNECTION_LIMIT`, …): retried here with the same backoff;
 * - a disconnect by the server (`io server disconnect`): socket.io-client stops. After
 *   `session-ended` with `TOKEN_EXPIRED` it reconnects at once with a fresh token; with
 *   `UNAUTHORIZED` (session revoked) it stops in `unauthorized`. Any other server disconnect is
 *   retried with backoff, counted until the server shows the connection was healthy
 *   (`token-expiring`, a successful refresh), so a server that keeps closing the connection ends
 *   in `offline`, not in a loop;
 * - `token-expiring`: a fresh token is sent in-band with `refresh-token`.
 */
export class ConnectionSupervisor {
  /** Between `connect()` and `close()` or a terminal status. */
  private active = false;
  private authRetryUsed = false;
  private refusalStreak = 0;
  private kickStreak = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private welcomeTimer: ReturnType<typeof setTimeout> | undefined;
  private tokenReason: TokenRequestReason = 'connect';
  private sessionEnd: ErrorPayload | undefined;
  private finalTransportError: RealtimeClientError | undefined;
  private readonly backoff: ManagerBackoff | undefined;

  constructor(private readonly deps: ConnectionSupervisorDeps) {
    const { manager, socket, reconnection } = deps;
    if (reconnection) this.backoff = new ManagerBackoff(manager, reconnection, deps.random);
    else manager.reconnection(false);
    socket.auth = (send) => this.provideToken(send);
    socket.on('connect', () => this.onSocketConnect());
    socket.on(SystemEvent.Connected, (payload) => this.onConnected(payload));
    socket.on('connect_error', (error) => this.onConnectError(error));
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    socket.on(SystemEvent.SessionEnded, (payload) => {
      this.sessionEnd = payload;
    });
    socket.on(SystemEvent.TokenExpiring, (payload) => void this.refreshInBand(payload));
    manager.on('reconnect_failed', () => {
      const lastError = this.finalTransportError ?? deps.status.getSnapshot().lastError;
      this.finalTransportError = undefined;
      this.stop({ type: 'offline', lastError });
    });
    manager.on('open', () => manager.engine.on('upgrade', () => this.onTransportChange()));
  }

  /** Starts connecting unless already connecting or connected. */
  connect(): void {
    if (this.active) return;
    this.active = true;
    this.authRetryUsed = false;
    this.refusalStreak = 0;
    this.kickStreak = 0;
    this.tokenReason = 'connect';
    this.backoff?.reset();
    this.deps.status.set({ type: 'connecting' });
    this.deps.socket.connect();
  }

  /** Closes the connection and stops every retry; status `idle`. */
  close(): void {
    this.stop({ type: 'idle' });
  }

  private provideToken(send: (data: object) => void): void {
    const { manager, socket, token } = this.deps;
    const reason = this.tokenReason;
    this.tokenReason = 'connect';
    // Identifies this attempt: a token that arrives after the transport changed is dropped, or
    // it would open a second session on the new transport.
    const engine = manager.engine;
    resolveToken(token, reason).then(
      (value) => {
        if (this.active && manager.engine === engine && !socket.connected) send({ token: value });
      },
      (thrown: unknown) => {
        if (!this.active || manager.engine !== engine) return;
        const cause = RealtimeClientError.from(thrown);
        if (isAuthCode(cause.code)) {
          this.stop({ type: 'unauthorized', code: cause.code, lastError: cause });
          return;
        }
        const error = new RealtimeClientError(cause.code, `The token provider failed: ${cause.message}`, { cause: thrown });
        this.deps.logger.warn(error.message);
        socket.disconnect();
        this.retry(++this.refusalStreak, error);
      },
    );
  }

  /**
   * Socket.IO accepted the connection; the server confirms it with `connected` once it has set it
   * up. A server that never does (not a Tenantcast namespace, a stuck set-up) is treated as a
   * failed attempt after `requestTimeoutMs` rather than leaving the client `connecting` forever.
   */
  private onSocketConnect(): void {
    this.backoff?.reset();
    this.clearWelcome();
    const timeoutMs = this.deps.requestTimeoutMs;
    this.welcomeTimer = setTimeout(() => {
      this.welcomeTimer = undefined;
      if (!this.active || this.deps.status.getSnapshot().type === 'connected') return;
      const error = new RealtimeClientError(ErrorCode.Timeout, `The server did not confirm the connection ('connected') within ${timeoutMs} ms; is this a Tenantcast namespace?`);
      this.deps.logger.warn(error.message);
      this.deps.socket.disconnect();
      this.retry(++this.refusalStreak, error);
    }, timeoutMs);
  }

  private onConnected(payload: ConnectedPayload): void {
    this.clearWelcome();
    if (!this.active) return;
    this.authRetryUsed = false;
    this.refusalStreak = 0;
    this.clearRetry();
    this.deps.status.set({
      type: 'connected',
      user: payload.user,
      server: payload.server,
      tokenExpiresAt: payload.tokenExpiresAt,
      transport: this.transport(),
    });
    this.deps.onAuthenticated();
  }

  private onConnectError(raw: Error): void {
    if (!this.active) return;
    const { socket, token, status } = this.deps;
    const refused = RealtimeClientError.from(raw);
    if ('data' in raw && isAuthCode(refused.code)) {
      if (!this.authRetryUsed && canRefresh(token)) {
        this.authRetryUsed = true;
        this.deps.logger.debug(`Handshake refused (${refused.code}); retrying once with a fresh token`);
        status.setError(refused);
        this.tokenReason = 'refused';
        socket.connect();
        return;
      }
      this.stop({ type: 'unauthorized', code: refused.code, lastError: refused });
      return;
    }
    if (!socket.active) {
      // Refused by server middleware for another reason (connection limit, …): socket.io-client
      // does not retry these.
      this.retry(++this.refusalStreak, refused);
      return;
    }
    const error = new RealtimeClientError(ErrorCode.Disconnected, `Could not reach the server: ${raw.message}`, { cause: raw });
    this.afterTransportFailure(error);
  }

  private onDisconnect(reason: string): void {
    this.clearWelcome();
    this.deps.onConnectionLost();
    if (!this.active || reason === 'io client disconnect') return;
    const ended = this.sessionEnd;
    this.sessionEnd = undefined;
    if (reason !== 'io server disconnect') {
      const error = new RealtimeClientError(ErrorCode.Disconnected, `The connection was lost (${reason}).`);
      this.afterTransportFailure(error);
      return;
    }
    const error = ended
      ? RealtimeClientError.from(ended)
      : new RealtimeClientError(ErrorCode.Disconnected, 'The server closed the connection.');
    if (ended?.code === ErrorCode.Unauthorized) {
      // The server revoked the session (e.g. `RealtimeService.disconnectUser`): coming back with
      // another token would undo that decision. The app decides what next (sign in again).
      this.stop({ type: 'unauthorized', code: ErrorCode.Unauthorized, lastError: error });
      return;
    }
    if (ended?.code === ErrorCode.TokenExpired && this.deps.reconnection) {
      if (!canRefresh(this.deps.token)) {
        this.stop({ type: 'unauthorized', code: ErrorCode.TokenExpired, lastError: error });
        return;
      }
      // The fresh token fetched for this attempt is the one retry a refusal allows.
      this.authRetryUsed = true;
      this.tokenReason = 'expired';
      this.deps.status.set({ type: 'reconnecting', attempt: 1, delayMs: 0, lastError: error });
      this.deps.socket.connect();
      return;
    }
    this.retry(++this.kickStreak, error);
  }

  /** The Manager schedules the next attempt, or emits `reconnect_failed` if it has none left. */
  private afterTransportFailure(error: RealtimeClientError): void {
    const { backoff } = this;
    if (!backoff) {
      this.stop({ type: 'offline', lastError: error });
      return;
    }
    if (backoff.exhausted) {
      // `reconnect_failed` follows at once; it reports this error with `offline`.
      this.finalTransportError = error;
      return;
    }
    this.deps.status.set({ type: 'reconnecting', attempt: backoff.nextAttempt, delayMs: backoff.nextDelay, lastError: error });
  }

  /** Retries what socket.io-client does not: attempt `attempt` of a series after `error`. */
  private retry(attempt: number, error: RealtimeClientError): void {
    const { reconnection, status, socket, random } = this.deps;
    if (!reconnection || attempt > reconnection.maxAttempts) {
      this.stop({ type: 'offline', lastError: error });
      return;
    }
    const delayMs = reconnectDelay(attempt, reconnection, random);
    this.deps.logger.debug(`Retrying in ${delayMs} ms (attempt ${attempt}) after: ${error.message}`);
    status.set({ type: 'reconnecting', attempt, delayMs, lastError: error });
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      if (this.active) socket.connect();
    }, delayMs);
  }

  private async refreshInBand(payload: TokenExpiringPayload): Promise<void> {
    // The server kept this connection until its token was about to expire: it is healthy.
    this.kickStreak = 0;
    const { token, socket, status, logger } = this.deps;
    if (!canRefresh(token)) {
      logger.warn(`The token expires at ${new Date(payload.expiresAt).toISOString()} and cannot be refreshed: pass a token provider function as 'token'.`);
      return;
    }
    try {
      const fresh = await resolveToken(token, 'expiring');
      if (!socket.connected) return;
      const ack = await this.deps.request(SystemEvent.RefreshToken, { token: fresh });
      const current = status.getSnapshot();
      if (current.type === 'connected') status.set({ ...current, tokenExpiresAt: ack.expiresAt });
      logger.debug(`Token refreshed in-band; it now expires at ${new Date(ack.expiresAt).toISOString()}`);
    } catch (thrown) {
      if (!socket.connected) return;
      const cause = RealtimeClientError.from(thrown);
      const error = new RealtimeClientError(cause.code, `Refreshing the token failed: ${cause.message}`, { cause: thrown });
      status.setError(error);
      this.deps.reportError(error);
    }
  }

  private onTransportChange(): void {
    const current = this.deps.status.getSnapshot();
    if (current.type === 'connected') this.deps.status.set({ ...current, transport: this.transport() });
  }

  private transport(): RealtimeTransport {
    return (this.deps.manager.engine?.transport?.name ?? 'websocket') as RealtimeTransport;
  }

  private stop(next: RealtimeStatus): void {
    this.active = false;
    this.clearRetry();
    this.clearWelcome();
    this.sessionEnd = undefined;
    if (this.deps.socket.active || this.deps.socket.connected) this.deps.socket.disconnect();
    this.deps.status.set(next);
  }

  private clearWelcome(): void {
    if (this.welcomeTimer !== undefined) clearTimeout(this.welcomeTimer);
    this.welcomeTimer = undefined;
  }

  private clearRetry(): void {
    if (this.retryTimer !== undefined) clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }
}

function isAuthCode(code: ErrorCode): code is AuthCode {
  return code === ErrorCode.Unauthorized || code === ErrorCode.TokenExpired;
}
