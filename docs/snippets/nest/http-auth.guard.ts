// #region guard
import { Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { RealtimeAuthService, type RealtimeUser } from '@tenantcast/nest';

/** HTTP routes accept exactly the tokens the socket handshake accepts, mapped to the same user. */
@Injectable()
export class BearerGuard implements CanActivate {
  constructor(private readonly realtimeAuth: RealtimeAuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: RealtimeUser }>();
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (token === undefined) throw new UnauthorizedException();
    try {
      request.user = (await this.realtimeAuth.verify(token)).user;
      return true;
    } catch {
      throw new UnauthorizedException();
    }
  }
}
// #endregion guard
