import type { PresenceMember } from '@tenantcast/protocol';

/** One live connection as presence records it. */
export interface PresenceConnection {
  /** The tenant of the connection's user. */
  tenantId: string;
  /** The connection's user. */
  userId: string;
  /** The Socket.IO socket id; unique per connection. */
  connectionId: string;
  /** Per-user metadata shown to other users (by default `role` and `email`). */
  meta: Record<string, unknown>;
}

/** A resource room: kind and id within the connection's tenant. */
export interface PresenceRoomRef {
  /** The resource kind, e.g. `rca`. */
  kind: string;
  /** The resource id, e.g. `42`. */
  id: string;
}

/** The outcome of {@link PresenceStore.addConnection}. */
export interface AddConnectionResult {
  /** `true` when this is the user's first live connection in the tenant. */
  cameOnline: boolean;
}

/** The outcome of {@link PresenceStore.removeConnection}. */
export interface RemoveConnectionResult {
  /** `true` when this was the user's last live connection in the tenant. */
  wentOffline: boolean;
  /** Rooms in which this was the user's last connection. */
  roomsLeft: PresenceRoomRef[];
  /** The user's metadata, for leave events. */
  meta: Record<string, unknown>;
}

/** The outcome of {@link PresenceStore.joinRoom}. */
export interface JoinRoomResult {
  /** `true` when this is the user's first connection in the room. */
  entered: boolean;
}

/** The outcome of {@link PresenceStore.leaveRoom}. */
export interface LeaveRoomResult {
  /** `true` when this was the user's last connection in the room. */
  left: boolean;
}

/** A user whose connections expired because the process holding them stopped refreshing them. */
export interface ExpiredPresence {
  /** The tenant. */
  tenantId: string;
  /** The user. */
  userId: string;
  /** `true` when the user has no live connection left in the tenant. */
  wentOffline: boolean;
  /** Rooms the user has no live connection left in. */
  roomsLeft: PresenceRoomRef[];
  /** The user's metadata, for leave events. */
  meta: Record<string, unknown>;
}

/** A connection a store added and later found gone from its backend. */
export interface LostConnection {
  /** The tenant. */
  tenantId: string;
  /** The user. */
  userId: string;
  /** The connection (socket) id. */
  connectionId: string;
}

/**
 * Where presence ("who's online") is kept. Presence is per connection: a user with several
 * tabs is online, in the tenant and in each room, until the last of its connections goes.
 *
 * Implementations decide the first-connection and last-connection transitions atomically, so
 * that two processes racing on one user never both (or neither) report the transition.
 * The module ships {@link MemoryPresenceStore} (one process) and {@link RedisPresenceStore}
 * (many processes); provide your own under {@link PRESENCE_STORE}.
 */
export interface PresenceStore {
  /** A short name for health reports, e.g. `memory` or `redis`. */
  readonly name: string;
  /**
   * Milliseconds between the module's calls to {@link PresenceStore.sweepExpired}. Set it on
   * stores whose entries expire; leave it out where nothing expires (nothing is swept).
   */
  readonly sweepIntervalMs?: number;
  /** Records a new connection. */
  addConnection(connection: PresenceConnection): Promise<AddConnectionResult>;
  /** Removes a connection and its room memberships. Unknown connections are a no-op. */
  removeConnection(tenantId: string, userId: string, connectionId: string): Promise<RemoveConnectionResult>;
  /** Records that a connection joined a resource room. Joining twice is a no-op. */
  joinRoom(tenantId: string, userId: string, connectionId: string, room: PresenceRoomRef): Promise<JoinRoomResult>;
  /** Records that a connection left a resource room. Leaving a room not joined is a no-op. */
  leaveRoom(tenantId: string, userId: string, connectionId: string, room: PresenceRoomRef): Promise<LeaveRoomResult>;
  /** The users online in a tenant. */
  online(tenantId: string): Promise<PresenceMember[]>;
  /** How many users are online in a tenant. */
  count(tenantId: string): Promise<number>;
  /** Whether a user has at least one live connection in the tenant. */
  isOnline(tenantId: string, userId: string): Promise<boolean>;
  /** The users with at least one connection in a resource room. */
  inRoom(tenantId: string, kind: string, id: string): Promise<PresenceMember[]>;
  /**
   * Removes connections whose expiry has passed (their process died or stopped refreshing) and
   * reports each affected user, with each room left and going offline reported exactly once
   * across all processes (a store that cleans up in parts may report a user's parts from
   * different processes). Stores without expiry return `[]`.
   */
  sweepExpired(): Promise<ExpiredPresence[]>;
  /**
   * Registers the module's listener for connections this store added and then found gone from
   * its backend: swept by another process while this one was frozen past the ttl, or lost with
   * the data of a Redis that restarted empty. The module adds back those whose sockets are still
   * open, so presence is rebuilt from the live sockets. Stores whose entries cannot vanish leave
   * it out.
   */
  onConnectionsLost?(listener: (connections: LostConnection[]) => void): void;
  /** Whether the store can serve requests now; reported by the health endpoint. */
  isHealthy(): Promise<boolean>;
  /** Stops timers and releases connections the store owns. */
  close(): Promise<void>;
}
