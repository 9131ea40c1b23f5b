import { HttpStatus } from '@nestjs/common';
import { ErrorCode, type RealtimeUser } from '@tenantcast/protocol';
import { apiError } from '../http/api-error';

/** The role that sees only the RCAs its token lists. */
export const VIEWER_ROLE = 'viewer';

/**
 * The example's RCA access rule, a stand-in for the product's RBAC: a user with role `viewer`
 * may see only the RCAs listed in its token's `rcaIds` claim; every other role may see every RCA
 * of its own tenant. The tenant is never decided here: rooms and emits are always built from
 * the token's tenant, so no rule can reach another tenant's RCA.
 *
 * Applied to `join-rca` (as the room kind's `authorize` hook) and to the HTTP routes of an RCA.
 */
export function canViewRca(user: RealtimeUser, rcaId: string): boolean {
  if (user.role !== VIEWER_ROLE) return true;
  const { rcaIds } = user;
  return Array.isArray(rcaIds) && rcaIds.includes(rcaId);
}

/** {@link canViewRca} for HTTP routes: throws 403 `FORBIDDEN` when the user may not see the RCA. */
export function assertCanViewRca(user: RealtimeUser, rcaId: string): void {
  if (!canViewRca(user, rcaId)) throw apiError(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, `You may not access RCA '${rcaId}'.`);
}
