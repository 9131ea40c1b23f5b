import { SetMetadata } from '@nestjs/common';

export { Role, WRITER_ROLES, BROADCASTER_ROLES } from './role-rules';

export const ROLES_METADATA = 'nest-rca:roles';

/** Only callers whose token's `role` is one of `roles` may use the route (403 `FORBIDDEN` otherwise). */
export const Roles = (...roles: string[]): MethodDecorator & ClassDecorator => SetMetadata(ROLES_METADATA, roles);
