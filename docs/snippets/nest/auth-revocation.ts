import { Injectable, Module } from '@nestjs/common';
import { RealtimeModule, RealtimeService } from '@tenantcast/nest';

/** The app's denylist of token ids (in Redis or a database in a real app). */
@Injectable()
export class RevokedTokens {
  private readonly revoked = new Set<string>();

  add(issuer: string, jti: string): void {
    this.revoked.add(`${issuer} ${jti}`);
  }

  has(issuer: unknown, jti: unknown): boolean {
    return typeof jti === 'string' && this.revoked.has(`${String(issuer)} ${jti}`);
  }
}

@Module({ providers: [RevokedTokens], exports: [RevokedTokens] })
export class RevokedTokensModule {}

// #region is-revoked
export const realtime = RealtimeModule.forRootAsync({
  imports: [RevokedTokensModule],
  inject: [RevokedTokens],
  useFactory: (revoked: RevokedTokens) => ({
    auth: {
      secret: process.env.JWT_SECRET ?? '',
      // Asked at every handshake and every in-band refresh; a throw refuses (fail closed).
      isRevoked: (claims) => revoked.has(claims.iss, claims.jti),
    },
  }),
});
// #endregion is-revoked

// #region sign-out
@Injectable()
export class SessionsService {
  constructor(
    private readonly revoked: RevokedTokens,
    private readonly realtime: RealtimeService,
  ) {}

  /** Signs a user out everywhere: the token cannot come back, and open sockets close now. */
  signOut(tenantId: string, userId: string, token: { iss: string; jti: string }): void {
    this.revoked.add(token.iss, token.jti);
    this.realtime.disconnectUser(tenantId, userId, 'Signed out');
  }
}
// #endregion sign-out
