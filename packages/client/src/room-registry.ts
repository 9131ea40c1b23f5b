import { ErrorCode, roomComponentProblem, SystemEvent, type RoomLostPayload, type PresenceMember, type RoomMemberPayload } from '@tenantcast/protocol';
import type { ExternalStore } from './external-store';
import { withMember, withoutMember } from './members';
import { inContext, RealtimeClientError } from './realtime-client-error';
import { releaseOnce } from './release-once';
import type { RoomState } from './room-state';
import { SharedSubscription } from './shared-subscription';
import type { SystemRequest } from './system-socket';

/**
 * A reference to a room, taken at once by `client.room(kind, id)`: the room is joined while at
 * least one reference is held (and joined again after every reconnect). Observe it as an
 * {@link ExternalStore} of {@link RoomState}.
 */
export interface RoomRef extends ExternalStore<RoomState> {
  /** The resource kind. */
  readonly kind: string;
  /** The resource id. */
  readonly id: string;
  /** Drops this reference; the last one leaves the room. Calling it again does nothing. */
  release(): Promise<void>;
}

/**
 * A joined room, as resolved by `client.join(kind, id)`.
 *
 * @example
 * const rca = await client.join('rca', '42');
 * const stop = rca.presence.subscribe(() => renderMembers(rca.presence.getSnapshot()));
 * // later
 * stop();
 * await rca.leave();
 */
export interface RoomHandle {
  /** The full room name, e.g. `tenant:acme:rca:42`. */
  readonly room: string;
  /** The resource kind. */
  readonly kind: string;
  /** The resource id. */
  readonly id: string;
  /** The room's state; it goes back to `joining` while the connection is down. */
  readonly state: ExternalStore<RoomState>;
  /** The room's members. */
  readonly presence: ExternalStore<readonly PresenceMember[]>;
  /** Drops this handle's reference; the room is left when no other part of the app holds one. */
  leave(): Promise<void>;
}

/** @internal */
export interface RoomRegistryDeps {
  request: SystemRequest;
  isConnected(): boolean;
  reportError(error: RealtimeClientError): void;
}

/** @internal Joined rooms by `kind`/`id`, reference-counted and re-joined after reconnects. */
export class RoomRegistry {
  private readonly subscriptions = new Map<string, SharedSubscription>();

  constructor(private readonly deps: RoomRegistryDeps) {}

  /** Takes a reference to room `kind`/`id`, joining it if it is the first. */
  acquire(kind: string, id: string): RoomRef {
    const problem = roomComponentProblem(kind, 'kind') ?? roomComponentProblem(id, 'id');
    if (problem !== undefined) return refusedRef(kind, id, new RealtimeClientError(ErrorCode.InvalidRoom, problem));
    const key = `${kind}:${id}`;
    const subscription = this.subscriptions.get(key) ?? this.create(key, kind, id);
    subscription.retain();
    return {
      kind,
      id,
      subscribe: subscription.state.subscribe,
      getSnapshot: subscription.state.getSnapshot,
      release: releaseOnce(() => subscription.release()),
    };
  }

  /** The connection is authenticated (again): join every referenced room, unless the server restored them. */
  connected(recovered: boolean): void {
    for (const subscription of this.subscriptions.values()) subscription.connected(recovered);
  }

  /** The connection dropped. */
  disconnected(): void {
    for (const subscription of this.subscriptions.values()) subscription.disconnected();
  }

  /** `user-joined` from the server. */
  memberJoined(payload: RoomMemberPayload): void {
    this.subscriptions.get(`${payload.kind}:${payload.id}`)?.update((members) => withMember(members, payload));
  }

  /** `user-left` from the server. */
  memberLeft(payload: RoomMemberPayload): void {
    this.subscriptions.get(`${payload.kind}:${payload.id}`)?.update((members) => withoutMember(members, payload.userId));
  }

  /**
   * `room-lost` from the server: a refreshed token no longer allows the room. Its references show
   * the refusal and it is not joined again; the app hears of it through `onError`.
   */
  roomLost(payload: RoomLostPayload): void {
    const subscription = this.subscriptions.get(`${payload.kind}:${payload.id}`);
    if (!subscription) return;
    const error = RealtimeClientError.from(payload);
    subscription.revoked(error);
    this.deps.reportError(inContext(`The server took room ${payload.kind}/${payload.id} away`, error));
  }

  private create(key: string, kind: string, id: string): SharedSubscription {
    const { request, isConnected, reportError } = this.deps;
    const subscription = new SharedSubscription({
      isConnected,
      open: async () => {
        const ack = await request(SystemEvent.Join, { kind, id });
        return { members: ack.members, room: ack.room };
      },
      close: async () => {
        await request(SystemEvent.Leave, { kind, id });
      },
      reportReopenFailure: (error) => reportError(inContext(`Re-joining room ${kind}/${id} after reconnecting failed`, error)),
      reportCloseFailure: (error) => reportError(inContext(`Leaving room ${kind}/${id} failed`, error)),
      onDisposed: () => {
        if (this.subscriptions.get(key) === subscription) this.subscriptions.delete(key);
      },
    });
    this.subscriptions.set(key, subscription);
    return subscription;
  }
}

function refusedRef(kind: string, id: string, error: RealtimeClientError): RoomRef {
  const state: RoomState = Object.freeze({ status: 'error', members: Object.freeze([]), error });
  return { kind, id, subscribe: () => () => undefined, getSnapshot: () => state, release: () => Promise.resolve() };
}
