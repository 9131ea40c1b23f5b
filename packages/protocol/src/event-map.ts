import type { Envelope } from './envelope';
import type { ErrorPayload } from './error-codes';
import type { SystemEvent } from './system-events';
import type {
  ConnectedPayload,
  JoinAck,
  JoinRequest,
  LeaveAck,
  LeaveRequest,
  OkAck,
  PresenceChangePayload,
  PresenceSnapshotAck,
  RefreshTokenAck,
  RefreshTokenRequest,
  RoomLostPayload,
  RoomMemberPayload,
  RoomPayload,
  TokenExpiringPayload,
} from './payloads';

/**
 * Declares one client → server event: the payload the client sends and, when the server
 * acknowledges it, the acknowledgement's type.
 *
 * @example
 * interface ClientEvents {
 *   'join-rca': ClientEvent<string, JoinAck>;
 *   typing: ClientEvent<{ rcaId: string }>;
 * }
 */
export interface ClientEvent<Payload = unknown, Ack = void> {
  /** The payload's type. */
  payload: Payload;
  /** The acknowledgement's type; `void` when the event is not acknowledged. */
  ack: Ack;
}

/** The events Tenantcast itself sends to clients, with their payloads. */
export interface SystemServerEvents {
  [SystemEvent.Connected]: ConnectedPayload;
  [SystemEvent.RoomJoined]: RoomPayload;
  [SystemEvent.RoomLeft]: RoomPayload;
  [SystemEvent.RoomLost]: RoomLostPayload;
  [SystemEvent.UserJoined]: RoomMemberPayload;
  [SystemEvent.UserLeft]: RoomMemberPayload;
  [SystemEvent.PresenceOnline]: PresenceChangePayload;
  [SystemEvent.PresenceOffline]: PresenceChangePayload;
  [SystemEvent.TokenExpiring]: TokenExpiringPayload;
  [SystemEvent.SessionEnded]: ErrorPayload;
}

/** The events Tenantcast itself accepts from clients, with payloads and acknowledgements. */
export interface SystemClientEvents {
  [SystemEvent.Join]: ClientEvent<JoinRequest, JoinAck>;
  [SystemEvent.Leave]: ClientEvent<LeaveRequest, LeaveAck>;
  [SystemEvent.PresenceSubscribe]: ClientEvent<void, PresenceSnapshotAck>;
  [SystemEvent.PresenceUnsubscribe]: ClientEvent<void, OkAck>;
  [SystemEvent.RefreshToken]: ClientEvent<RefreshTokenRequest, RefreshTokenAck>;
}

type Listener<Args extends unknown[]> = (...args: Args) => void;

type ClientListener<C> = C extends ClientEvent<infer P, infer A>
  ? [A] extends [void]
    ? Listener<[payload: P]>
    : Listener<[payload: P, ack: (response: A) => void]>
  : never;

/**
 * Socket.IO `ServerToClientEvents` (listener signatures) for an application's server event map
 * (event name → the data carried in the envelope): application events arrive as
 * {@link Envelope}s, system events as their payloads.
 *
 * @example
 * interface ServerEvents {
 *   'rca-updated': { rcaId: string; status: string };
 * }
 * type Listeners = ServerToClientEvents<ServerEvents>;
 */
export type ServerToClientEvents<S> = {
  [K in keyof S & string]: Listener<[envelope: Envelope<S[K], K>]>;
} & {
  [K in keyof SystemServerEvents]: Listener<[payload: SystemServerEvents[K]]>;
};

/**
 * Socket.IO `ClientToServerEvents` (listener signatures) for an application's client event map
 * (event name → {@link ClientEvent}), system events included.
 */
export type ClientToServerEvents<C> = {
  [K in keyof C & string]: ClientListener<C[K]>;
} & {
  [K in keyof SystemClientEvents]: ClientListener<SystemClientEvents[K]>;
};

/**
 * The payload type of client event `K` of map `C` (an application's map or
 * {@link SystemClientEvents}).
 *
 * @example
 * type JoinPayload = ClientEventPayload<SystemClientEvents, 'join'>; // JoinRequest
 */
export type ClientEventPayload<C, K extends keyof C> = C[K] extends ClientEvent<infer P, unknown> ? P : never;

/**
 * The acknowledgement type of client event `K` of map `C`; `void` when it is not acknowledged.
 *
 * @example
 * async joinRca(socket: RealtimeSocket, rcaId: string): Promise<ClientEventAck<ClientEvents, 'join-rca'>> { … }
 */
export type ClientEventAck<C, K extends keyof C> = C[K] extends ClientEvent<unknown, infer A> ? A : never;
