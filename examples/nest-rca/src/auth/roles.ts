import { SetMetadata } from '@nestjs/common';

/** The example's roles, from least to most allowed. */
export const Role = {
  /** Sees only the RCAs its token lists (`rcaIds`); read-only. */
  Viewer: 'viewer',
  /** Works on every RCA of the tenant: posts updates, notifies colleagues. */
  Engineer: 'engineer',
  /** An engineer who also addresses the whole tenant. */
  Manager: 'manager',
  /** Everything, within the tenant. */
  Admin: 'admin',
} as const;

/** Roles that may write: post RCA updates and notify users. */
export const WRITER_ROLES = [Role.Engineer, Role.Manager, Role.Admin];

/** Roles that may broadcast to the whole tenant. */
export const BROADCASTER_ROLES = [Role.Manager, Role.Admin];

export const ROLES_METADATA = 'nest-rca:roles';

/** Only callers whose token's `role` is one of `roles` may use the route (403 `FORBIDDEN` otherwise). */
export const Roles = (...roles: string[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_METADATA, roles);
