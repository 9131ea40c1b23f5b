import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ErrorCode } from '@tenantcast/protocol';
import { apiError } from '../http/api-error';
import type { AuthenticatedRequest } from './authenticated-request';
import { ROLES_METADATA } from './roles';

/**
 * Global HTTP guard after `JwtAuthGuard`: a route marked `@Roles(...)` answers 403 `FORBIDDEN` to
 * a caller whose role is not listed. Routes without `@Roles` are open to every authenticated user.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const roles = this.reflector.getAllAndOverride<string[] | undefined>(ROLES_METADATA, [context.getHandler(), context.getClass()]);
    if (!roles) return true;
    const { user } = context.switchToHttp().getRequest<AuthenticatedRequest>();
    if (user?.role !== undefined && roles.includes(user.role)) return true;
    throw apiError(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, `This route needs one of the roles ${roles.join(', ')}; your token has ${JSON.stringify(user?.role ?? null)}.`);
  }
}
