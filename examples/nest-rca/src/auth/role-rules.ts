/** The example's roles, from least to most allowed. */
export const Role = {
  /** Sees only the RCAs its token lists (`rcaIds`); read-only. */
  Viewer: 'viewer',
  /** Works on every RCA of the tenant: posts updates and comments, notifies colleagues. */
  Engineer: 'engineer',
  /** An engineer who also addresses the whole tenant. */
  Manager: 'manager',
  /** Everything, within the tenant. */
  Admin: 'admin',
} as const;

/** Roles that may write: post RCA updates and comments, and notify users. */
export const WRITER_ROLES: readonly string[] = [Role.Engineer, Role.Manager, Role.Admin];

/** Roles that may broadcast to the whole tenant. */
export const BROADCASTER_ROLES: readonly string[] = [Role.Manager, Role.Admin];

/** Whether `role` may post updates and comments and notify users. */
export function canWrite(role: string | undefined): boolean {
  return role !== undefined && WRITER_ROLES.includes(role);
}

/** Whether `role` may broadcast to the whole tenant. */
export function canBroadcast(role: string | undefined): boolean {
  return role !== undefined && BROADCASTER_ROLES.includes(role);
}
