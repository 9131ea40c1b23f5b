import { SystemEvent, type ConnectedPayload, type ErrorPayload, type TokenExpiringPayload } from '@tenantcast/protocol';
import type { Manager } from 'socket.io-client';
import { reconnectDelay, type ReconnectionOptions } from './backoff';
import {
  decideConnection,
  STOPPED,
  type ConnectionAction,
  type ConnectionEvent,
  type ConnectionPolicy,
  type ConnectionState,
  type ManagerAttempt,
} from './connection-decision';
import type { RealtimeLogger } from './logger';
import { ManagerBackoff } from './manager-backoff';
import { RealtimeClientError } from './realtime-client-error';
import type { RealtimeTransport, StatusStore } from './status-store';
import type { SystemRequest, SystemSocket } from './system-socket';
import { canRefresh, resolveToken, type TokenSource } from './token-provider';
import { refreshTokenInBand } from './token-refresh';

/** @internal */
export interface ConnectionSupervisorDeps {
  manager: Manager;
  socket: SystemSocket;
  request: SystemRequest;
  token: TokenSource;
  reconnection: ReconnectionOptions | false;
  /** How long the server has to confirm a connection with `connected` (`requestTimeoutMs`). */
  welcomeTimeoutMs: number;
  status: StatusStore;
  logger: RealtimeLogger;
  reportError(error: RealtimeClientError): void;
  /** The rooms and presence subscriptions, told of the connection's life and of their own events. */
  subscriptions: ServerSubscriptions;
  random?: () => number;
}

/** @internal What keeps server-side subscriptions (rooms, presence) in step with the connection. */
export interface ServerSubscriptions {
  /** The server sent `connected`: subscriptions are established again, or were restored with the session. */
  connected(recovered: boolean): void;
  /** The connection dropped: every server-side subscription is gone. */
  disconnected(): void;
  /** A system event the supervisor does not handle itself (`user-joined`, `presence-online`, …). */
  serverEvent(event: string, payload: unknown): void;
}

/**
 * @internal The I/O around {@link decideConnection}: turns socket.io-client's events and the
 * timers into decision events, and performs the actions (status, socket, timers, tokens).
 * Everything it decides on its own is which transport an answer belongs to.
 */
export class ConnectionSupervisor {
  private state: ConnectionState = STOPPED;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private welcomeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly backoff: ManagerBackoff | undefined;
  private readonly policy: ConnectionPolicy;

  constructor(private readonly deps: ConnectionSupervisorDeps) {
    const { manager, socket, reconnection, random } = deps;
    if (reconnection) this.backoff = new ManagerBackoff(manager, reconnection, random);
    else manager.reconnection(false);
    this.policy = {
      retries: reconnection && { maxAttempts: reconnection.maxAttempts, delayMs: (attempt) => reconnectDelay(attempt, reconnection, random) },
      canRefreshToken: canRefresh(deps.token),
      welcomeTimeoutMs: deps.welcomeTimeoutMs,
    };
    socket.auth = (send) => this.dispatch({ type: 'token-requested', send: (token) => send({ token }) });
    socket.on('connect', () => {
      // Each connection has its own engine; its upgrade (polling to WebSocket) changes the status.
      manager.engine.once('upgrade', () => this.onTransportChange());
      this.dispatch({ type: 'socket-connected' });
    });
    socket.on('connect_error', (error) => {
      // socket.io-client deactivates the socket when the server's middleware refuses it (and
      // never retries that); after a transport failure the socket stays active for the Manager.
      if (!socket.active) {
        // The transport opened before the refusal, so the Manager started its count anew.
        this.backoff?.reset();
        this.dispatch({ type: 'handshake-refused', refusal: RealtimeClientError.from(error) });
        return;
      }
      this.dispatch({ type: 'server-unreachable', cause: error, next: this.nextManagerAttempt() });
      // The Manager gives up right after this failure (its `reconnect_failed`, not listened to:
      // every listener costs each client memory); the backoff knows it already.
      if (this.backoff?.exhausted) this.dispatch({ type: 'reconnect-failed' });
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io client disconnect') this.dispatch({ type: 'client-disconnected' });
      else if (reason === 'io server disconnect') this.dispatch({ type: 'server-disconnected' });
      else this.dispatch({ type: 'connection-lost', reason, next: this.nextManagerAttempt() });
    });
    // One listener for every incoming event instead of one per system event: each listener costs
    // a few hundred bytes per client, and a process may hold thousands of clients.
    socket.onAny((event: string, payload: unknown) => this.onServerEvent(event, payload));
  }

  /** Starts connecting unless already connecting or connected. */
  connect(): void {
    this.dispatch({ type: 'connect' });
  }

  /** Closes the connection and stops every retry; status `idle`. */
  close(): void {
    this.dispatch({ type: 'close' });
  }

  private dispatch(event: ConnectionEvent): void {
    const { state, actions } = decideConnection(this.state, event, this.policy);
    // Committed first: performing an action may emit the next event synchronously (closing the
    // socket emits `disconnect`, opening it may ask for a token), which must see this state.
    this.state = state;
    for (const action of actions) this.perform(action);
  }

  private perform(action: ConnectionAction): void {
    const { socket, status, logger } = this.deps;
    switch (action.type) {
      case 'set-status':
        status.set(action.status);
        break;
      case 'record-error':
        status.setError(action.error);
        break;
      case 'open-socket':
        socket.connect();
        break;
      case 'close-socket':
        if (socket.active || socket.connected) socket.disconnect();
        break;
      case 'fetch-token':
        this.fetchToken(action);
        break;
      case 'send-token':
        action.send(action.token);
        break;
      case 'schedule-retry':
        this.clearRetry();
        this.retryTimer = setTimeout(() => {
          this.retryTimer = undefined;
          this.dispatch({ type: 'retry-due' });
        }, action.delayMs);
        break;
      case 'cancel-retry':
        this.clearRetry();
        break;
      case 'start-welcome-timer':
        this.clearWelcome();
        this.welcomeTimer = setTimeout(() => {
          this.welcomeTimer = undefined;
          this.dispatch({ type: 'welcome-timed-out' });
        }, this.policy.welcomeTimeoutMs);
        break;
      case 'cancel-welcome-timer':
        this.clearWelcome();
        break;
      case 'reset-backoff':
        this.backoff?.reset();
        break;
      case 'refresh-token':
        void refreshTokenInBand({ ...this.deps, isConnected: () => socket.connected });
        break;
      case 'log':
        logger[action.level](action.message);
        break;
      case 'notify-authenticated':
        this.deps.subscriptions.connected(action.recovered);
        break;
      case 'notify-disconnected':
        this.deps.subscriptions.disconnected();
        break;
    }
  }

  private fetchToken(action: Extract<ConnectionAction, { type: 'fetch-token' }>): void {
    const { manager, socket, token } = this.deps;
    // Identifies this attempt: a token that arrives after the transport changed is dropped, or
    // it would open a second session on the new transport.
    const engine = manager.engine;
    resolveToken(token, action.reason).then(
      (value) => {
        if (manager.engine === engine && !socket.connected) this.dispatch({ type: 'token-fetched', token: value, send: action.send });
      },
      (thrown: unknown) => {
        if (manager.engine === engine) this.dispatch({ type: 'token-failed', thrown });
      },
    );
  }

  /** Every event from the server, system and application: the wire is untyped at this point. */
  private onServerEvent(event: string, payload: unknown): void {
    switch (event) {
      case SystemEvent.Connected:
        this.dispatch({ type: 'server-confirmed', payload: payload as ConnectedPayload, transport: this.transport() });
        break;
      case SystemEvent.SessionEnded:
        this.dispatch({ type: 'session-ended', payload: payload as ErrorPayload });
        break;
      case SystemEvent.TokenExpiring:
        this.dispatch({ type: 'token-expiring', expiresAt: (payload as TokenExpiringPayload).expiresAt });
        break;
      default:
        this.deps.subscriptions.serverEvent(event, payload);
    }
  }

  private nextManagerAttempt(): ManagerAttempt | undefined {
    const { backoff } = this;
    return backoff && !backoff.exhausted ? { attempt: backoff.nextAttempt, delayMs: backoff.nextDelay } : undefined;
  }

  private onTransportChange(): void {
    const current = this.deps.status.getSnapshot();
    if (current.type === 'connected') this.deps.status.set({ ...current, transport: this.transport() });
  }

  private transport(): RealtimeTransport {
    return (this.deps.manager.engine?.transport?.name ?? 'websocket') as RealtimeTransport;
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
