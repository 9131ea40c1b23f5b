import { isValidRoomComponent, type RealtimeUser } from '@tenantcast/protocol';

/**
 * Maps verified JWT claims to the user, as RealtimeModule's `mapClaims` (the HTTP guard verifies
 * through RealtimeAuthService, so both agree): `sub` → userId, `tenantId`, `role`, `email`, and
 * `rcaIds` (the RCAs a viewer may see, see `canViewRca`). Returns `undefined`, refusing the token, when an identity claim cannot
 * name a room (not a string, empty, `:`, too long) or `rcaIds` is not a list of strings.
 */
export function userFromClaims(claims: Record<string, unknown>): RealtimeUser | undefined {
  const { sub, tenantId, role, email, rcaIds } = claims;
  if (!isValidRoomComponent(sub, 'userId') || !isValidRoomComponent(tenantId, 'tenantId')) return undefined;
  const user: RealtimeUser = { userId: sub, tenantId };
  if (typeof role === 'string') user.role = role;
  if (typeof email === 'string') user.email = email;
  if (rcaIds !== undefined) {
    if (!Array.isArray(rcaIds) || !rcaIds.every((id) => typeof id === 'string')) return undefined;
    user.rcaIds = rcaIds;
  }
  return user;
}
