import { ErrorCode, type ConnectedPayload, type ErrorPayload } from '@tenantcast/protocol';
import { connectionMessages as messages } from './connection-messages';
import { RealtimeClientError } from './realtime-client-error';
import type { RealtimeStatus, RealtimeTransport } from './status-store';
import type { TokenRequestReason } from './token-provider';

/** @internal What the decision needs to know about the client's configuration. */
export interface ConnectionPolicy {
  /** How the client retries, or `false` when it never does (`reconnection: false`). */
  readonly retries: RetryPolicy | false;
  /** Whether the token source is a provider, which can return a fresh token. */
  readonly canRefreshToken: boolean;
  /** How long the server has to send `connected` after Socket.IO accepted the connection. */
  readonly welcomeTimeoutMs: number;
}

/** @internal A series of retries: how many, and how long before each. */
export interface RetryPolicy {
  /** Attempts in a series before giving up. */
  readonly maxAttempts: number;
  /**
   * The wait before the client's own attempt `attempt` (from 1). The shell draws the jitter here;
   * tests pass a fixed function, so every decision is reproducible.
   */
  delayMs(attempt: number): number;
}

/** @internal Hands a token to the handshake that asked for it. */
export type SendToken = (token: string) => void;

/** @internal The attempt socket.io-client's Manager has scheduled after a network failure. */
export interface ManagerAttempt {
  readonly attempt: number;
  readonly delayMs: number;
}

/** @internal Between `connect()` and `close()` or a terminal status. */
export interface RunningState {
  readonly phase: 'running';
  /** The one fresh-token retry a refusal allows is spent; given back by each `connected`. */
  readonly authRetryUsed: boolean;
  /** Attempts in a row that socket.io-client does not retry itself (refusals, token or welcome failures). */
  readonly refusalStreak: number;
  /** Server disconnects in a row, until the server shows the connection was healthy. */
  readonly kickStreak: number;
  /** Why the next handshake asks for a token. */
  readonly tokenReason: TokenRequestReason;
  /** Why the server is about to close the current connection (`session-ended`). */
  readonly sessionEnd?: ErrorPayload;
  /** The last network failure: reported with `offline` when the Manager gives up. */
  readonly networkError?: RealtimeClientError;
}

/** @internal What the decision remembers between events. */
export type ConnectionState = { readonly phase: 'stopped' } | RunningState;

/** @internal The state of a client that is not trying to connect. */
export const STOPPED: ConnectionState = Object.freeze({ phase: 'stopped' });

/** @internal What happened: a call of the client, or something socket.io-client or a timer reported. */
export type ConnectionEvent =
  | { readonly type: 'connect' }
  | { readonly type: 'close' }
  /** socket.io-client needs the handshake's token. */
  | { readonly type: 'token-requested'; readonly send: SendToken }
  /** The token provider answered, for an attempt that is still current. */
  | { readonly type: 'token-fetched'; readonly token: string; readonly send: SendToken }
  /** The token provider threw or returned no token, for an attempt that is still current. */
  | { readonly type: 'token-failed'; readonly thrown: unknown }
  /** Socket.IO accepted the connection; the server has yet to confirm it. */
  | { readonly type: 'socket-connected' }
  /** The server sent `connected`: the connection is authenticated and set up. */
  | { readonly type: 'server-confirmed'; readonly payload: ConnectedPayload; readonly transport: RealtimeTransport }
  | { readonly type: 'welcome-timed-out' }
  /** The server's middleware refused the handshake; socket.io-client does not retry it. */
  | { readonly type: 'handshake-refused'; readonly refusal: RealtimeClientError }
  /** No transport could be opened; `next` is the Manager's next attempt, if it has one left. */
  | { readonly type: 'server-unreachable'; readonly cause: Error; readonly next: ManagerAttempt | undefined }
  /** The connection dropped without either side closing it (`transport close`, `ping timeout`, …). */
  | { readonly type: 'connection-lost'; readonly reason: string; readonly next: ManagerAttempt | undefined }
  | { readonly type: 'session-ended'; readonly payload: ErrorPayload }
  /** The server closed the connection (`io server disconnect`); socket.io-client does not retry it. */
  | { readonly type: 'server-disconnected' }
  /** This client closed the socket (`io client disconnect`). */
  | { readonly type: 'client-disconnected' }
  | { readonly type: 'token-expiring'; readonly expiresAt: number }
  /** The client's own retry timer fired. */
  | { readonly type: 'retry-due' }
  /** The Manager used up its attempts (`reconnect_failed`). */
  | { readonly type: 'reconnect-failed' };

/** @internal What the shell does, in order. */
export type ConnectionAction =
  | { readonly type: 'set-status'; readonly status: RealtimeStatus }
  /** Records a non-fatal error on the current status. */
  | { readonly type: 'record-error'; readonly error: RealtimeClientError }
  | { readonly type: 'open-socket' }
  | { readonly type: 'close-socket' }
  | { readonly type: 'fetch-token'; readonly reason: TokenRequestReason; readonly send: SendToken }
  | { readonly type: 'send-token'; readonly token: string; readonly send: SendToken }
  /** Opens the socket again after `delayMs`, unless cancelled. */
  | { readonly type: 'schedule-retry'; readonly delayMs: number }
  | { readonly type: 'cancel-retry' }
  /** Waits `welcomeTimeoutMs` for the server's `connected`. */
  | { readonly type: 'start-welcome-timer' }
  | { readonly type: 'cancel-welcome-timer' }
  /** Starts the Manager's attempt count and delays anew. */
  | { readonly type: 'reset-backoff' }
  /** Sends a fresh token in-band (`refresh-token`). */
  | { readonly type: 'refresh-token' }
  | { readonly type: 'log'; readonly level: 'debug' | 'warn'; readonly message: string }
  /** Rooms and presence subscriptions are established again, or were restored with the session. */
  | { readonly type: 'notify-authenticated'; readonly recovered: boolean }
  /** Every server-side subscription is gone with the connection. */
  | { readonly type: 'notify-disconnected' };

/** The events that mean something only while the client is running. */
type RunningEvent = Exclude<ConnectionEvent, { readonly type: 'connect' | 'close' }>;

/** @internal The next state and what to do to get there. */
export interface ConnectionDecision {
  readonly state: ConnectionState;
  readonly actions: readonly ConnectionAction[];
}

type AuthCode = typeof ErrorCode.Unauthorized | typeof ErrorCode.TokenExpired;

const OPEN_SOCKET: ConnectionAction = { type: 'open-socket' };
const CLOSE_SOCKET: ConnectionAction = { type: 'close-socket' };
const CANCEL_RETRY: ConnectionAction = { type: 'cancel-retry' };
const CANCEL_WELCOME: ConnectionAction = { type: 'cancel-welcome-timer' };
const NOTIFY_DISCONNECTED: ConnectionAction = { type: 'notify-disconnected' };
/** Whatever the phase, a dropped socket takes the server's subscriptions with it. */
const DROPPED: readonly ConnectionAction[] = [CANCEL_WELCOME, NOTIFY_DISCONNECTED];

/**
 * @internal Decides what the client does about one event, given what it remembers. Pure: the
 * shell performs the actions, in order, and feeds back what happens.
 *
 * It fills the gaps in socket.io-client's reconnection:
 *
 * - a network failure: the Manager retries, with our delays; the status shows its next attempt,
 *   and the server's reason when it announced the close (`session-ended` `SERVER_SHUTDOWN`);
 * - a refusal by the server's middleware, which socket.io-client never retries: `UNAUTHORIZED` /
 *   `TOKEN_EXPIRED` get one attempt with a fresh token, then `unauthorized`; `FORBIDDEN` (a
 *   namespace the server refuses) stops in `offline`; other codes (`CONNECTION_LIMIT`, …) are
 *   retried with backoff, as are token provider failures and a server that never sends
 *   `connected`;
 * - a disconnect by the server, which socket.io-client never retries either: after
 *   `session-ended` with `TOKEN_EXPIRED` the client reconnects at once with a fresh token; with
 *   `UNAUTHORIZED` (session revoked) it stops in `unauthorized`. Other server disconnects are
 *   retried with backoff, counted until the server shows the connection was healthy
 *   (`token-expiring`), so a server that keeps closing connections ends in `offline`, not in a
 *   loop.
 */
export function decideConnection(state: ConnectionState, event: ConnectionEvent, policy: ConnectionPolicy): ConnectionDecision {
  if (event.type === 'connect') return state.phase === 'running' ? { state, actions: [] } : start();
  if (event.type === 'close') return stop({ type: 'idle' });
  if (state.phase === 'stopped') return { state, actions: whileStopped(event) };
  return decideRunning(state, event, policy);
}

function whileStopped(event: RunningEvent): readonly ConnectionAction[] {
  switch (event.type) {
    case 'server-confirmed':
      return [CANCEL_WELCOME];
    case 'client-disconnected':
    case 'server-disconnected':
    case 'connection-lost':
      return DROPPED;
    default:
      return [];
  }
}

function decideRunning(state: RunningState, event: RunningEvent, policy: ConnectionPolicy): ConnectionDecision {
  switch (event.type) {
    case 'token-requested':
      return { state: { ...state, tokenReason: 'connect' }, actions: [{ type: 'fetch-token', reason: state.tokenReason, send: event.send }] };
    case 'token-fetched':
      return { state, actions: [{ type: 'send-token', token: event.token, send: event.send }] };
    case 'token-failed':
      return tokenFailed(state, event.thrown, policy);
    case 'socket-connected':
      return { state, actions: [{ type: 'reset-backoff' }, { type: 'start-welcome-timer' }] };
    case 'server-confirmed': {
      const { user, server, tokenExpiresAt } = event.payload;
      const recovered = event.payload.recovered === true;
      return {
        state: { ...state, authRetryUsed: false, refusalStreak: 0 },
        actions: [
          CANCEL_WELCOME,
          CANCEL_RETRY,
          { type: 'set-status', status: { type: 'connected', user, server, tokenExpiresAt, transport: event.transport, recovered } },
          { type: 'notify-authenticated', recovered },
        ],
      };
    }
    case 'welcome-timed-out': {
      const error = new RealtimeClientError(ErrorCode.Timeout, messages.welcomeTimeout(policy.welcomeTimeoutMs));
      return retry(state, 'refusalStreak', error, policy, [warn(error.message), CLOSE_SOCKET]);
    }
    case 'handshake-refused':
      return handshakeRefused(state, event.refusal, policy);
    case 'server-unreachable': {
      const error = new RealtimeClientError(ErrorCode.Disconnected, messages.unreachable(event.cause.message), { cause: event.cause });
      return networkFailure(state, error, event.next, policy, []);
    }
    case 'connection-lost': {
      // After `session-ended` (a graceful shutdown closes transports without a disconnect packet),
      // the server's own reason is why the connection went, not the bare transport close.
      const error = state.sessionEnd ? RealtimeClientError.from(state.sessionEnd) : new RealtimeClientError(ErrorCode.Disconnected, messages.lost(event.reason));
      return networkFailure(withoutSessionEnd(state), error, event.next, policy, DROPPED);
    }
    case 'session-ended':
      return { state: { ...state, sessionEnd: event.payload }, actions: [] };
    case 'server-disconnected':
      return serverDisconnected(state, policy);
    case 'client-disconnected':
      return { state: withoutSessionEnd(state), actions: DROPPED };
    case 'token-expiring':
      // The server kept this connection until its token was about to expire: it is healthy.
      return {
        state: { ...state, kickStreak: 0 },
        actions: [policy.canRefreshToken ? { type: 'refresh-token' } : warn(messages.cannotRefresh(event.expiresAt))],
      };
    case 'retry-due':
      return { state, actions: [OPEN_SOCKET] };
    case 'reconnect-failed':
      return stop({ type: 'offline', lastError: state.networkError });
  }
}

function start(): ConnectionDecision {
  return {
    state: { phase: 'running', authRetryUsed: false, refusalStreak: 0, kickStreak: 0, tokenReason: 'connect' },
    actions: [{ type: 'reset-backoff' }, { type: 'set-status', status: { type: 'connecting' } }, OPEN_SOCKET],
  };
}

function stop(status: RealtimeStatus, before: readonly ConnectionAction[] = []): ConnectionDecision {
  return { state: STOPPED, actions: [...before, CANCEL_RETRY, CANCEL_WELCOME, CLOSE_SOCKET, { type: 'set-status', status }] };
}

function tokenFailed(state: RunningState, thrown: unknown, policy: ConnectionPolicy): ConnectionDecision {
  const cause = RealtimeClientError.from(thrown);
  // A provider that says UNAUTHORIZED (e.g. signed out) has decided; retrying would not change it.
  if (isAuthCode(cause.code)) return stop({ type: 'unauthorized', code: cause.code, lastError: cause });
  const error = new RealtimeClientError(cause.code, messages.tokenProviderFailed(cause.message), { cause: thrown });
  return retry(state, 'refusalStreak', error, policy, [warn(error.message), CLOSE_SOCKET]);
}

function handshakeRefused(state: RunningState, refusal: RealtimeClientError, policy: ConnectionPolicy): ConnectionDecision {
  // The server refuses this namespace to everyone (`FORBIDDEN`): no retry can change that.
  if (refusal.code === ErrorCode.Forbidden) return stop({ type: 'offline', lastError: explain(refusal, messages.namespaceRefused) });
  if (!isAuthCode(refusal.code)) return retry(state, 'refusalStreak', refusal, policy, []);
  if (!policy.canRefreshToken) {
    return stop({ type: 'unauthorized', code: refusal.code, lastError: explain(refusal, messages.fixedTokenRefused) });
  }
  if (state.authRetryUsed) {
    return stop({ type: 'unauthorized', code: refusal.code, lastError: explain(refusal, messages.freshTokenRefused) });
  }
  return {
    state: { ...state, authRetryUsed: true, tokenReason: 'refused' },
    actions: [{ type: 'log', level: 'debug', message: messages.retryingWithFreshToken(refusal.code) }, { type: 'record-error', error: refusal }, OPEN_SOCKET],
  };
}

function serverDisconnected(running: RunningState, policy: ConnectionPolicy): ConnectionDecision {
  const ended = running.sessionEnd;
  const state = withoutSessionEnd(running);
  if (ended?.code === ErrorCode.Unauthorized) {
    // The server revoked the session (e.g. `RealtimeService.disconnectUser`): coming back with
    // another token would undo that decision. The app decides what next (sign in again).
    return stop({ type: 'unauthorized', code: ErrorCode.Unauthorized, lastError: RealtimeClientError.from(ended) }, DROPPED);
  }
  if (ended?.code === ErrorCode.TokenExpired && policy.retries) {
    const error = RealtimeClientError.from(ended);
    if (!policy.canRefreshToken) {
      return stop({ type: 'unauthorized', code: ErrorCode.TokenExpired, lastError: explain(error, messages.fixedTokenRefused) }, DROPPED);
    }
    return {
      // The fresh token fetched for this attempt is the one retry a refusal allows.
      state: { ...state, authRetryUsed: true, tokenReason: 'expired' },
      actions: [...DROPPED, { type: 'set-status', status: { type: 'reconnecting', attempt: 1, delayMs: 0, lastError: error } }, OPEN_SOCKET],
    };
  }
  const error = ended ? RealtimeClientError.from(ended) : new RealtimeClientError(ErrorCode.Disconnected, messages.serverClosed);
  return retry(state, 'kickStreak', error, policy, DROPPED);
}

/** The Manager schedules the next attempt itself, or emits `reconnect_failed` if it has none left. */
function networkFailure(
  state: RunningState,
  error: RealtimeClientError,
  next: ManagerAttempt | undefined,
  policy: ConnectionPolicy,
  before: readonly ConnectionAction[],
): ConnectionDecision {
  if (!policy.retries) return stop({ type: 'offline', lastError: error }, before);
  const remembered: RunningState = { ...state, networkError: error };
  if (next === undefined) return { state: remembered, actions: before };
  return { state: remembered, actions: [...before, { type: 'set-status', status: { type: 'reconnecting', ...next, lastError: error } }] };
}

/** Retries what socket.io-client does not: the next attempt of the series `streak` counts. */
function retry(
  state: RunningState,
  streak: 'refusalStreak' | 'kickStreak',
  error: RealtimeClientError,
  policy: ConnectionPolicy,
  before: readonly ConnectionAction[],
): ConnectionDecision {
  const attempt = state[streak] + 1;
  const { retries } = policy;
  if (!retries || attempt > retries.maxAttempts) return stop({ type: 'offline', lastError: error }, before);
  const delayMs = retries.delayMs(attempt);
  return {
    state: { ...state, [streak]: attempt },
    actions: [
      ...before,
      { type: 'log', level: 'debug', message: messages.retrying(delayMs, attempt, error.message) },
      { type: 'set-status', status: { type: 'reconnecting', attempt, delayMs, lastError: error } },
      { type: 'schedule-retry', delayMs },
    ],
  };
}

function withoutSessionEnd(state: RunningState): RunningState {
  const { sessionEnd: _ended, ...rest } = state;
  return rest;
}

/** Keeps the server's code and words, and adds what the app can do about it. */
function explain(error: RealtimeClientError, hint: (message: string) => string): RealtimeClientError {
  return new RealtimeClientError(error.code, hint(error.message), { cause: error });
}

function warn(message: string): ConnectionAction {
  return { type: 'log', level: 'warn', message };
}

function isAuthCode(code: ErrorCode): code is AuthCode {
  return code === ErrorCode.Unauthorized || code === ErrorCode.TokenExpired;
}
