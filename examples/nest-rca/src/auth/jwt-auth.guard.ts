import { HttpStatus, Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { HandshakeError, RealtimeAuthService } from '@tenantcast/nest';
import { ErrorCode } from '@tenantcast/protocol';
import { apiError } from '../http/api-error';
import type { AuthenticatedRequest } from './authenticated-request';
import { PUBLIC_ROUTE } from './public.decorator';

const BEARER = /^Bearer ([^\s]+)$/i;

/**
 * Global HTTP guard: verifies the `Authorization: Bearer` token through RealtimeAuthService, so
 * HTTP routes and the socket handshake share one set of rules (key, algorithm, `exp`, clock
 * tolerance, claims mapping), and puts the user on the request. Nest does not run global guards
 * for gateways; sockets are authenticated by RealtimeModule's handshake.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    @Inject(RealtimeAuthService) private readonly realtimeAuth: RealtimeAuthService,
    @Inject(Reflector) private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [context.getHandler(), context.getClass()])) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const token = BEARER.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined) throw apiError(HttpStatus.UNAUTHORIZED, ErrorCode.Unauthorized, 'Send a token as "Authorization: Bearer <token>".');
    try {
      request.user = (await this.realtimeAuth.verify(token)).user;
    } catch (error) {
      if (error instanceof HandshakeError) throw apiError(HttpStatus.UNAUTHORIZED, error.data.code, error.data.message);
      throw error;
    }
    return true;
  }
}
