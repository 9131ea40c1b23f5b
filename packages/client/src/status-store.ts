import type { ErrorCode, RealtimeUser, ServerSettings } from '@tenantcast/protocol';
import type { ExternalStore } from './external-store';
import type { RealtimeClientError } from './realtime-client-error';

/** The transport a connection runs on. */
export type RealtimeTransport = 'websocket' | 'polling' | 'webtransport';

/** Fields every {@link RealtimeStatus} carries. */
interface StatusBase {
  /**
   * The most recent failure: why the last attempt failed, why the connection dropped, or a
   * non-fatal problem while connected (a refused token refresh). Cleared on every new connection.
   */
  readonly lastError?: RealtimeClientError;
}

/** Created or closed; not trying to connect. */
export interface IdleStatus extends StatusBase {
  readonly type: 'idle';
}

/** The first attempt after `connect()` is in flight. */
export interface ConnectingStatus extends StatusBase {
  readonly type: 'connecting';
}

/** Authenticated and ready: the server has sent `connected`. */
export interface ConnectedStatus extends StatusBase {
  readonly type: 'connected';
  /** The user the server authenticated. */
  readonly user: RealtimeUser;
  /** The server's settings. */
  readonly server: ServerSettings;
  /** When the current token expires (server clock), in milliseconds since the Unix epoch. */
  readonly tokenExpiresAt: number;
  /** The transport in use; changes when a polling connection upgrades. */
  readonly transport: RealtimeTransport;
  /**
   * `true` when the server restored this connection's session after a short drop (connection
   * state recovery): its rooms were kept and the events it missed arrived, in order. `false` for
   * a new session: after a reconnect, fetch again whatever the app shows that may have changed.
   */
  readonly recovered: boolean;
}

/** The connection was lost or an attempt failed; attempt `attempt` runs after `delayMs`. */
export interface ReconnectingStatus extends StatusBase {
  readonly type: 'reconnecting';
  /** The attempt scheduled next, from 1. */
  readonly attempt: number;
  /** The wait before that attempt, in milliseconds (jitter included). */
  readonly delayMs: number;
}

/** Gave up after the configured number of attempts; `connect()` starts over. */
export interface OfflineStatus extends StatusBase {
  readonly type: 'offline';
}

/** The server refused the token, also after one fresh token; `connect()` starts over. */
export interface UnauthorizedStatus extends StatusBase {
  readonly type: 'unauthorized';
  /** The server's reason. */
  readonly code: typeof ErrorCode.Unauthorized | typeof ErrorCode.TokenExpired;
}

/**
 * The connection's state, a discriminated union on `type`.
 *
 * @example
 * const status = client.status.getSnapshot();
 * switch (status.type) {
 *   case 'connected': return `Online as ${status.user.userId}`;
 *   case 'reconnecting': return `Retrying in ${Math.round(status.delayMs / 1000)} s (attempt ${status.attempt})`;
 *   case 'unauthorized': return 'Please sign in again';
 *   default: return status.type;
 * }
 */
export type RealtimeStatus =
  | IdleStatus
  | ConnectingStatus
  | ConnectedStatus
  | ReconnectingStatus
  | OfflineStatus
  | UnauthorizedStatus;

/** One of `'idle' | 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'unauthorized'`. */
export type RealtimeStatusType = RealtimeStatus['type'];

/** The read side of the status store, as exposed on `client.status`. */
export type RealtimeStatusStore = ExternalStore<RealtimeStatus>;

/** @internal The status store with the writes the connection supervisor needs. */
export interface StatusStore extends RealtimeStatusStore {
  /** Replaces the status; a status equal field by field to the current one is ignored. */
  set(next: RealtimeStatus): void;
  /** Records a non-fatal error without changing the state. */
  setError(error: RealtimeClientError): void;
}

const IDLE: IdleStatus = /* @__PURE__ */ Object.freeze({ type: 'idle' });

/**
 * @internal The one status store of a client. `subscribe` and `getSnapshot` are own bound
 * functions, since React's `useSyncExternalStore` calls them detached; the listener set is made
 * on the first subscription, as most clients in a process (a server holding many) never observe
 * their status.
 */
class ClientStatusStore implements StatusStore {
  private current: RealtimeStatus = IDLE;
  private listeners: Set<() => void> | undefined;

  readonly getSnapshot = (): RealtimeStatus => this.current;

  readonly subscribe = (listener: () => void): (() => void) => {
    (this.listeners ??= new Set()).add(listener);
    return () => {
      this.listeners?.delete(listener);
    };
  };

  set(next: RealtimeStatus): void {
    if (sameStatus(this.current, next)) return;
    this.write(Object.freeze(next));
  }

  setError(error: RealtimeClientError): void {
    if (this.current.lastError === error) return;
    this.write(Object.freeze({ ...this.current, lastError: error }));
  }

  private write(next: RealtimeStatus): void {
    this.current = next;
    if (!this.listeners) return;
    // A copy: listeners may unsubscribe (or subscribe others) while being notified.
    for (const listener of [...this.listeners]) listener();
  }
}

/** @internal */
export function createStatusStore(): StatusStore {
  return new ClientStatusStore();
}

function sameStatus(a: RealtimeStatus, b: RealtimeStatus): boolean {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of keys) {
    if (!Object.is((a as unknown as Record<string, unknown>)[key], (b as unknown as Record<string, unknown>)[key])) return false;
  }
  return true;
}
