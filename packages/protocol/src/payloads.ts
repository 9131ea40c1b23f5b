import type { ErrorCode, ErrorPayload } from './error-codes';

/** The authenticated user as the server sees it; the server derives it from the token's claims. */
export interface RealtimeUser {
  /** The user's id (default claim: `sub`). */
  userId: string;
  /** The tenant the user belongs to (default claim: `tenantId`). */
  tenantId: string;
  /** The user's role (default claim: `role`). */
  role?: string;
  /** The user's e-mail (default claim: `email`). */
  email?: string;
  /** Further fields added by the application's claims mapping. */
  [extra: string]: unknown;
}

/** Settings the server tells each client on connect. */
export interface ServerSettings {
  /** The namespace the client is connected to, e.g. `/rca`. */
  namespace: string;
  /** Milliseconds between the server's pings. */
  pingInterval: number;
  /** Milliseconds the server waits for a pong before dropping the connection. */
  pingTimeout: number;
  /** Largest accepted message in bytes. */
  maxPayloadBytes: number;
  /** Resource kinds this server accepts in `join`. */
  roomKinds: string[];
  /** Version of the wire contract the server speaks. */
  protocolVersion: number;
}

/** Payload of the `connected` event. */
export interface ConnectedPayload {
  /** The authenticated user. */
  user: RealtimeUser;
  /** The server's settings. */
  server: ServerSettings;
  /** When the token expires, in milliseconds since the Unix epoch. */
  tokenExpiresAt: number;
  /**
   * `true` when this connection continues one that dropped moments ago (connection state
   * recovery): the server restored its rooms and delivered the events it missed, in order, before
   * this event. `false` for every other connection: rooms must be joined again and state that
   * may have changed meanwhile fetched again.
   */
  recovered: boolean;
}

/** A room request: the server builds the room name from the user's tenant, `kind` and `id`. */
export interface JoinRequest {
  /** A resource kind configured on the server, e.g. `rca`. */
  kind: string;
  /** The resource id, e.g. `42`. */
  id: string;
}

/** Payload of `leave`; the same as {@link JoinRequest}. */
export type LeaveRequest = JoinRequest;

/** One user's presence: a user with several tabs is one entry with several connections. */
export interface PresenceMember {
  /** The user's id. */
  userId: string;
  /** How many live connections the user has in this scope. */
  connections: number;
  /** Per-user metadata (by default `role` and `email`). */
  meta: Record<string, unknown>;
  /** When the user's first current connection opened, in milliseconds since the Unix epoch. */
  since: number;
}

/** A refused acknowledgement. */
export interface ErrorAck {
  /** Always `false`. */
  ok: false;
  /** Why it was refused. */
  error: ErrorPayload;
}

/** A plain successful acknowledgement. */
export type OkAck = { ok: true } | ErrorAck;

/** Acknowledgement of `join`: the room name and its members, or the refusal. */
export type JoinAck = { ok: true; room: string; members: PresenceMember[] } | ErrorAck;

/** Acknowledgement of `leave`. */
export type LeaveAck = { ok: true; room: string } | ErrorAck;

/** Payload of `room-joined` and `room-left`. */
export interface RoomPayload {
  /** The full room name. */
  room: string;
  /** The resource kind. */
  kind: string;
  /** The resource id. */
  id: string;
}

/** Payload of `room-lost`: the room the socket was taken out of, and why. */
export interface RoomLostPayload extends RoomPayload {
  /** Why: `FORBIDDEN` when `authorize` refused the refreshed token. */
  code: typeof ErrorCode.Forbidden;
  /** A sentence to show the user. */
  message: string;
}

/** Payload of `user-joined` and `user-left`. */
export interface RoomMemberPayload extends RoomPayload {
  /** The user who entered or left. */
  userId: string;
  /** The user's metadata. */
  meta: Record<string, unknown>;
  /** Milliseconds since the Unix epoch. */
  timestamp: number;
}

/** Acknowledgement of `presence-subscribe`: who is online in the tenant now. */
export type PresenceSnapshotAck = { ok: true; members: PresenceMember[] } | ErrorAck;

/** Payload of `presence-online` and `presence-offline`. */
export interface PresenceChangePayload {
  /** The tenant. */
  tenantId: string;
  /** The user whose first connection opened or last connection closed. */
  userId: string;
  /** The user's metadata. */
  meta: Record<string, unknown>;
  /** Milliseconds since the Unix epoch. */
  timestamp: number;
}

/** Payload of `token-expiring`. */
export interface TokenExpiringPayload {
  /** When the current token expires, in milliseconds since the Unix epoch. */
  expiresAt: number;
}

/** Payload of `refresh-token`. */
export interface RefreshTokenRequest {
  /** A fresh token for the same user and tenant. */
  token: string;
}

/** Acknowledgement of `refresh-token`. */
export type RefreshTokenAck = { ok: true; expiresAt: number } | ErrorAck;
