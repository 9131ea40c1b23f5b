import { SystemEvent, type PresenceChangePayload, type PresenceMember } from '@tenantcast/protocol';
import { mapStore, type ExternalStore } from './external-store';
import { withMember, withoutMember } from './members';
import { inContext, type RealtimeClientError } from './realtime-client-error';
import { releaseOnce } from './release-once';
import type { RoomRef } from './room-registry';
import type { RoomState } from './room-state';
import { SharedSubscription } from './shared-subscription';
import type { SystemRequest } from './system-socket';

/** Whose presence to follow: the whole tenant, or one room (which joins that room). */
export type PresenceScope = 'tenant' | { readonly kind: string; readonly id: string };

/** Who is online in a scope; what `usePresence` returns. */
export interface PresenceState {
  /** `subscribing` until the server's first list arrives (again, after each reconnect). */
  readonly status: 'subscribing' | 'subscribed' | 'error';
  /** The users online: the server's list, then kept current by the server's join/leave events. */
  readonly members: readonly PresenceMember[];
  /** Why subscribing failed, when `status` is `error`. */
  readonly error?: RealtimeClientError;
}

/**
 * A reference to a presence subscription, taken at once by `client.presence(scope)`. The server
 * sends the list once, then only changes; the subscription ends with the last reference.
 *
 * @example
 * const online = client.presence('tenant');
 * online.subscribe(() => console.log(online.getSnapshot().members.map((m) => m.userId)));
 * // later
 * await online.release();
 */
export interface PresenceRef extends ExternalStore<PresenceState> {
  /** Drops this reference. Calling it again does nothing. */
  release(): Promise<void>;
}

/** @internal */
export interface TenantPresenceDeps {
  request: SystemRequest;
  isConnected(): boolean;
  reportError(error: RealtimeClientError): void;
}

/** @internal The tenant's presence, one server subscription shared by all references. */
export class TenantPresence {
  private readonly subscription: SharedSubscription;
  private readonly view: ExternalStore<PresenceState>;

  constructor(deps: TenantPresenceDeps) {
    const { request, isConnected, reportError } = deps;
    this.subscription = new SharedSubscription({
      isConnected,
      open: async () => {
        const ack = await request(SystemEvent.PresenceSubscribe);
        return { members: ack.members };
      },
      close: async () => {
        await request(SystemEvent.PresenceUnsubscribe);
      },
      reportReopenFailure: (error) => reportError(inContext('Re-subscribing to presence after reconnecting failed', error)),
      reportCloseFailure: (error) => reportError(inContext('Unsubscribing from presence failed', error)),
      onDisposed: () => undefined,
    });
    this.view = mapStore(this.subscription.state, toPresenceState);
  }

  /** Takes a reference, subscribing if it is the first. */
  acquire(): PresenceRef {
    this.subscription.retain();
    return withRelease(this.view, () => this.subscription.release());
  }

  /** The connection is authenticated (again). */
  connected(recovered: boolean): void {
    this.subscription.connected(recovered);
  }

  /** The connection dropped. */
  disconnected(): void {
    this.subscription.disconnected();
  }

  /** `presence-online` from the server. */
  online(payload: PresenceChangePayload): void {
    this.subscription.update((members) => withMember(members, payload));
  }

  /** `presence-offline` from the server. */
  offline(payload: PresenceChangePayload): void {
    this.subscription.update((members) => withoutMember(members, payload.userId));
  }
}

/** @internal The presence of one room, read from a room reference. */
export function roomPresence(room: RoomRef): PresenceRef {
  return withRelease(mapStore(room, toPresenceState), () => room.release());
}

function withRelease(view: ExternalStore<PresenceState>, release: () => Promise<void>): PresenceRef {
  return { subscribe: view.subscribe, getSnapshot: view.getSnapshot, release: releaseOnce(release) };
}

// Presence keeps the words it was published with; underneath, every scope is a room membership.
const PRESENCE_STATUS = { joining: 'subscribing', joined: 'subscribed', error: 'error' } as const;

function toPresenceState(state: RoomState): PresenceState {
  return Object.freeze({ status: PRESENCE_STATUS[state.status], members: state.members, error: state.error });
}
