import type { RealtimeUser } from '@tenantcast/nest';

/** RCAs whose id starts with `restricted-` are for admins; every other RCA is for the whole tenant. */
export function canViewRca(user: RealtimeUser, rcaId: string): boolean {
  return !rcaId.startsWith('restricted-') || user.role === 'admin';
}
