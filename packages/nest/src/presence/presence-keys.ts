/**
 * Redis key layout of the presence store. Every tenant key is `<prefix>:{<tenantId>}:<part>`:
 * the `{tenantId}` hash tag puts all of a tenant's keys in one Cluster slot, so one Lua script
 * can change them atomically. The Lua scripts build the per-user, per-connection and per-room
 * keys from the tenant base with the same parts, so both sides share these constants.
 *
 * Ids are validated room components (no `:`, `{`, `}` or glob characters), so a key parses back
 * to exactly one id and never acts as a pattern.
 */
export const KeyPart = {
  /** HASH connectionId → `<addedAtMs>:<userId>`. */
  connections: 'conns',
  /** ZSET connectionId → expiry (ms); the source of truth for liveness and the sweep. */
  expiries: 'exp',
  /** ZSET userId → latest expiry of the user's connections; answers count and isOnline. */
  users: 'users',
  /**
   * HASH userId → `<sinceMs>:<connections>:<metaJson>` over all the user's entries (meta of the
   * latest connection); lets `online()` read a whole tenant with one HGETALL.
   */
  profiles: 'profiles',
  /** Prefix of ZSET `u:<userId>`: connectionId → expiry, the user's connections. */
  user: 'u',
  /** Prefix of SET `c:<connectionId>`: the `kind:id` rooms of a connection. */
  connectionRooms: 'c',
  /** Prefix of HASH `r:<kind>:<id>`: connectionId → `<joinedAtMs>:<userId>`, a room's members. */
  room: 'r',
} as const;

/** How a room is named inside the store: kinds never contain `:`, so it splits back exactly. */
export function roomMember({ kind, id }: { kind: string; id: string }): string {
  return `${kind}:${id}`;
}

/** The room a {@link roomMember} string names. */
export function parseRoomMember(member: string): { kind: string; id: string } {
  const separator = member.indexOf(':');
  return { kind: member.slice(0, separator), id: member.slice(separator + 1) };
}

/** The fixed keys of one tenant, plus the base the Lua scripts extend. */
export interface TenantKeys {
  base: string;
  connections: string;
  expiries: string;
  users: string;
  profiles: string;
}

/** Keys of a tenant under `prefix`. */
export function tenantKeys(prefix: string, tenantId: string): TenantKeys {
  const base = `${prefix}:{${tenantId}}`;
  return {
    base,
    connections: `${base}:${KeyPart.connections}`,
    expiries: `${base}:${KeyPart.expiries}`,
    users: `${base}:${KeyPart.users}`,
    profiles: `${base}:${KeyPart.profiles}`,
  };
}

/** The ZSET of a user's connections. */
export function userKey(keys: TenantKeys, userId: string): string {
  return `${keys.base}:${KeyPart.user}:${userId}`;
}

/** The SET of a connection's rooms. */
export function connectionRoomsKey(keys: TenantKeys, connectionId: string): string {
  return `${keys.base}:${KeyPart.connectionRooms}:${connectionId}`;
}

/** The HASH of a room's member connections. */
export function roomMembersKey(keys: TenantKeys, roomMember: string): string {
  return `${keys.base}:${KeyPart.room}:${roomMember}`;
}

/**
 * ZSET tenantId → a time (ms) before which the tenant may not be dropped from the index; tells
 * the sweep which tenants to visit. It is the one key without a tenant hash tag, so in Redis
 * Cluster it lives in a single slot and is written by separate commands, never inside a
 * tenant's script.
 */
export function tenantIndexKey(prefix: string): string {
  return `${prefix}:tenants`;
}
