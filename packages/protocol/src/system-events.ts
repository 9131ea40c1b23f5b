/**
 * Names of the events Tenantcast itself sends and understands. Application events must not use
 * these names.
 */
export const SystemEvent = {
  /** Server → client, once after the handshake: {@link ConnectedPayload}. */
  Connected: 'connected',
  /** Client → server with ack: {@link JoinRequest} → {@link JoinAck}. */
  Join: 'join',
  /** Client → server with ack: {@link LeaveRequest} → {@link LeaveAck}. */
  Leave: 'leave',
  /** Server → the joining socket: {@link RoomPayload}. */
  RoomJoined: 'room-joined',
  /** Server → the leaving socket: {@link RoomPayload}. */
  RoomLeft: 'room-left',
  /**
   * Server → a socket that the server took out of a room it had joined, because the room's
   * `authorize` hook refused the user's refreshed token: {@link RoomLostPayload}. The client drops
   * the room (and does not re-join it on reconnect) and tells the user why.
   */
  RoomLost: 'room-lost',
  /** Server → room members when a user's first connection enters the room: {@link RoomMemberPayload}. */
  UserJoined: 'user-joined',
  /** Server → room members when a user's last connection leaves the room: {@link RoomMemberPayload}. */
  UserLeft: 'user-left',
  /** Client → server with ack: start receiving the tenant's presence changes → {@link PresenceSnapshotAck}. */
  PresenceSubscribe: 'presence-subscribe',
  /** Client → server with ack: stop receiving them → {@link OkAck}. */
  PresenceUnsubscribe: 'presence-unsubscribe',
  /** Server → presence subscribers when a user's first connection in the tenant opens: {@link PresenceChangePayload}. */
  PresenceOnline: 'presence-online',
  /** Server → presence subscribers when a user's last connection in the tenant closes: {@link PresenceChangePayload}. */
  PresenceOffline: 'presence-offline',
  /** Server → client before the token's `exp`: {@link TokenExpiringPayload}. */
  TokenExpiring: 'token-expiring',
  /** Client → server with ack: {@link RefreshTokenRequest} → {@link RefreshTokenAck}. */
  RefreshToken: 'refresh-token',
  /**
   * Server → client just before the server closes the connection on purpose, with the reason as
   * an `ErrorPayload` (for example `TOKEN_EXPIRED` when the token was not refreshed).
   */
  SessionEnded: 'session-ended',
} as const;

/** Union of the system event names. */
export type SystemEventName = (typeof SystemEvent)[keyof typeof SystemEvent];

const systemEventNames: ReadonlySet<string> = new Set(Object.values(SystemEvent));

/** Tells whether an event name is reserved by Tenantcast. */
export function isSystemEvent(name: string): name is SystemEventName {
  return systemEventNames.has(name);
}

/** Event names Socket.IO gives a meaning of its own; an application event must not use them. */
export const RESERVED_SOCKET_EVENTS = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener'] as const;

/** Union of {@link RESERVED_SOCKET_EVENTS}. */
export type ReservedSocketEvent = (typeof RESERVED_SOCKET_EVENTS)[number];

const reservedSocketEvents: ReadonlySet<string> = new Set(RESERVED_SOCKET_EVENTS);

/**
 * Tells whether `name` can name an application event: a non-empty string that is neither a
 * Tenantcast system event nor one of Socket.IO's reserved events.
 */
export function isApplicationEventName(name: unknown): name is string {
  return typeof name === 'string' && name.length > 0 && !systemEventNames.has(name) && !reservedSocketEvents.has(name);
}

/** Version of this wire contract; sent in {@link ConnectedPayload} so clients can check it. */
export const PROTOCOL_VERSION = 1;
