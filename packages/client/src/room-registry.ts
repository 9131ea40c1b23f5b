import { ErrorCode, roomComponentProblem, SystemEvent, type PresenceMember, type RoomMemberPayload } from '@tenantcast/protocol';
import { mapStore, type ExternalStore } from './external-store';
import { withMember, withoutMember } from './members';
import { RealtimeClientError } from './realtime-client-error';
import { SharedSubscription, type SubscriptionState } from './shared-subscription';
import type { SystemRequest } from './system-socket';

/** The state of a room as this client sees it; what `useRoom` returns. */
export interface RoomState {
  /** `joining` until the server acknowledges (again, after each reconnect), `error` if it refused. */
  readonly status: 'joining' | 'joined' | 'error';
  /** Users in the room: the server's list at join time, kept current by `user-joined` / `user-left`. */
  readonly members: readonly PresenceMember[];
  /** Why the last join failed, when `status` is `error`. */
  readonly error?: RealtimeClientError;
  /** The full room name, once joined. */
  readonly room?: string;
}

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

interface RoomEntry {
  subscription: SharedSubscription;
  view: ExternalStore<RoomState>;
}

const ROOM_STATUS = { pending: 'joining', active: 'joined', error: 'error' } as const;

/** @internal Joined rooms by `kind`/`id`, reference-counted and re-joined after reconnects. */
export class RoomRegistry {
  private readonly entries = new Map<string, RoomEntry>();

  constructor(private readonly deps: RoomRegistryDeps) {}

  /** Takes a reference to room `kind`/`id`, joining it if it is the first. */
  acquire(kind: string, id: string): RoomRef {
    const problem = roomComponentProblem(kind, 'kind') ?? roomComponentProblem(id, 'id');
    if (problem !== undefined) return refusedRef(kind, id, new RealtimeClientError(ErrorCode.InvalidRoom, problem));
    const key = `${kind}:${id}`;
    const entry = this.entries.get(key) ?? this.create(key, kind, id);
    entry.subscription.retain();
    let released = false;
    return {
      kind,
      id,
      subscribe: entry.view.subscribe,
      getSnapshot: entry.view.getSnapshot,
      release: () => {
        if (released) return Promise.resolve();
        released = true;
        return entry.subscription.release();
      },
    };
  }

  /** The connection is authenticated (again): join every referenced room. */
  connected(): void {
    for (const entry of this.entries.values()) entry.subscription.connected();
  }

  /** The connection dropped. */
  disconnected(): void {
    for (const entry of this.entries.values()) entry.subscription.disconnected();
  }

  /** `user-joined` from the server. */
  memberJoined(payload: RoomMemberPayload): void {
    this.entries.get(`${payload.kind}:${payload.id}`)?.subscription.update((members) => withMember(members, payload));
  }

  /** `user-left` from the server. */
  memberLeft(payload: RoomMemberPayload): void {
    this.entries.get(`${payload.kind}:${payload.id}`)?.subscription.update((members) => withoutMember(members, payload.userId));
  }

  private create(key: string, kind: string, id: string): RoomEntry {
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
      reportReopenFailure: (error) =>
        reportError(new RealtimeClientError(error.code, `Re-joining room ${kind}/${id} after reconnecting failed: ${error.message}`, { cause: error })),
      reportCloseFailure: (error) =>
        reportError(new RealtimeClientError(error.code, `Leaving room ${kind}/${id} failed: ${error.message}`, { cause: error })),
      onDisposed: () => {
        if (this.entries.get(key)?.subscription === subscription) this.entries.delete(key);
      },
    });
    const entry: RoomEntry = { subscription, view: mapStore(subscription.state, toRoomState) };
    this.entries.set(key, entry);
    return entry;
  }
}

function toRoomState(state: SubscriptionState): RoomState {
  return Object.freeze({ status: ROOM_STATUS[state.phase], members: state.members, error: state.error, room: state.room });
}

function refusedRef(kind: string, id: string, error: RealtimeClientError): RoomRef {
  const state: RoomState = Object.freeze({ status: 'error', members: Object.freeze([]), error });
  return { kind, id, subscribe: () => () => undefined, getSnapshot: () => state, release: () => Promise.resolve() };
}
