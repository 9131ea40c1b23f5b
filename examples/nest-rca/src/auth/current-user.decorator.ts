import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { RealtimeUser } from '@tenantcast/protocol';
import type { AuthenticatedRequest } from './authenticated-request';

/** The caller, as `JwtAuthGuard` put it on the request. */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): RealtimeUser | undefined => {
  return context.switchToHttp().getRequest<AuthenticatedRequest>().user;
});
