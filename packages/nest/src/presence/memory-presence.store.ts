import type { PresenceMember } from '@tenantcast/protocol';
import type {
  AddConnectionResult,
  ExpiredPresence,
  JoinRoomResult,
  LeaveRoomResult,
  PresenceConnection,
  PresenceRoomRef,
  PresenceStore,
  RemoveConnectionResult,
} from './presence-store.interface';
import { roomMember } from './presence-keys';
import { SharedAcrossBuilds } from '../shared-across-builds';

/** Connection ids of one user in one scope, each with when it entered the scope. */
type ScopeConnections = Map<string, number>;

interface UserPresence {
  /** Insertion-ordered, so the first entry is always the user's earliest current connection. */
  connections: ScopeConnections;
  meta: Record<string, unknown>;
}

interface ConnectionPresence {
  userId: string;
  rooms: Map<string, PresenceRoomRef>;
}

interface TenantPresence {
  users: Map<string, UserPresence>;
  connections: Map<string, ConnectionPresence>;
  /** {@link roomMember} → user id → the user's connections in the room. */
  rooms: Map<string, Map<string, ScopeConnections>>;
}

/**
 * The embedded presence store: one process, no service needed, nothing expires.
 *
 * Every operation is synchronous inside, so transitions are trivially atomic; adding and
 * removing a connection cost O(1) plus O(rooms of that connection).
 */
@SharedAcrossBuilds('MemoryPresenceStore')
export class MemoryPresenceStore implements PresenceStore {
  /** Reported by health checks. */
  readonly name = 'memory';

  private readonly tenants = new Map<string, TenantPresence>();

  /** Records a connection; re-adding a known connection only updates the user's meta. */
  async addConnection({ tenantId, userId, connectionId, meta }: PresenceConnection): Promise<AddConnectionResult> {
    const tenant = this.tenant(tenantId);
    const known = tenant.connections.get(connectionId);
    if (known && known.userId !== userId) return { cameOnline: false };
    let user = tenant.users.get(userId);
    const cameOnline = !user;
    if (!user) {
      user = { connections: new Map(), meta };
      tenant.users.set(userId, user);
    }
    user.meta = meta;
    if (!known) {
      user.connections.set(connectionId, Date.now());
      tenant.connections.set(connectionId, { userId, rooms: new Map() });
    }
    return { cameOnline };
  }

  async removeConnection(tenantId: string, userId: string, connectionId: string): Promise<RemoveConnectionResult> {
    const tenant = this.tenants.get(tenantId);
    const connection = tenant?.connections.get(connectionId);
    const user = tenant?.users.get(userId);
    if (!tenant || !connection || !user || connection.userId !== userId) {
      return { wentOffline: false, roomsLeft: [], meta: {} };
    }
    const roomsLeft: PresenceRoomRef[] = [];
    for (const [key, room] of connection.rooms) {
      if (this.removeFromRoom(tenant, key, userId, connectionId)) roomsLeft.push(room);
    }
    tenant.connections.delete(connectionId);
    user.connections.delete(connectionId);
    const wentOffline = user.connections.size === 0;
    if (wentOffline) tenant.users.delete(userId);
    if (tenant.connections.size === 0) this.tenants.delete(tenantId);
    return { wentOffline, roomsLeft, meta: user.meta };
  }

  async joinRoom(tenantId: string, userId: string, connectionId: string, room: PresenceRoomRef): Promise<JoinRoomResult> {
    const tenant = this.tenants.get(tenantId);
    const connection = tenant?.connections.get(connectionId);
    const key = roomMember(room);
    if (!tenant || !connection || connection.userId !== userId || connection.rooms.has(key)) return { entered: false };
    connection.rooms.set(key, { kind: room.kind, id: room.id });
    let members = tenant.rooms.get(key);
    if (!members) {
      members = new Map();
      tenant.rooms.set(key, members);
    }
    let mine = members.get(userId);
    const entered = !mine;
    if (!mine) {
      mine = new Map();
      members.set(userId, mine);
    }
    mine.set(connectionId, Date.now());
    return { entered };
  }

  async leaveRoom(tenantId: string, userId: string, connectionId: string, room: PresenceRoomRef): Promise<LeaveRoomResult> {
    const tenant = this.tenants.get(tenantId);
    const connection = tenant?.connections.get(connectionId);
    const key = roomMember(room);
    if (!tenant || !connection || connection.userId !== userId || !connection.rooms.delete(key)) return { left: false };
    return { left: this.removeFromRoom(tenant, key, userId, connectionId) };
  }

  async online(tenantId: string): Promise<PresenceMember[]> {
    const users = this.tenants.get(tenantId)?.users;
    if (!users) return [];
    return [...users].map(([userId, user]) => member(userId, user.connections, user.meta));
  }

  async count(tenantId: string): Promise<number> {
    return this.tenants.get(tenantId)?.users.size ?? 0;
  }

  async isOnline(tenantId: string, userId: string): Promise<boolean> {
    return this.tenants.get(tenantId)?.users.has(userId) ?? false;
  }

  async inRoom(tenantId: string, kind: string, id: string): Promise<PresenceMember[]> {
    const tenant = this.tenants.get(tenantId);
    const members = tenant?.rooms.get(roomMember({ kind, id }));
    if (!tenant || !members) return [];
    return [...members].map(([userId, connections]) => member(userId, connections, tenant.users.get(userId)?.meta ?? {}));
  }

  /** Nothing expires in one process: a connection lives until it is removed. */
  async sweepExpired(): Promise<ExpiredPresence[]> {
    return [];
  }

  async isHealthy(): Promise<boolean> {
    return true;
  }

  async close(): Promise<void> {
    this.tenants.clear();
  }

  private tenant(tenantId: string): TenantPresence {
    let tenant = this.tenants.get(tenantId);
    if (!tenant) {
      tenant = { users: new Map(), connections: new Map(), rooms: new Map() };
      this.tenants.set(tenantId, tenant);
    }
    return tenant;
  }

  /** Takes a connection out of a room; `true` when it was the user's last one there. */
  private removeFromRoom(tenant: TenantPresence, key: string, userId: string, connectionId: string): boolean {
    const members = tenant.rooms.get(key);
    const mine = members?.get(userId);
    if (!members || !mine?.delete(connectionId) || mine.size > 0) return false;
    members.delete(userId);
    if (members.size === 0) tenant.rooms.delete(key);
    return true;
  }
}

function member(userId: string, connections: ScopeConnections, meta: Record<string, unknown>): PresenceMember {
  const since = connections.values().next().value ?? Date.now();
  return { userId, connections: connections.size, meta, since };
}
