import { Inject, Injectable } from '@nestjs/common';
import { TokenAuthenticator, type AuthenticatedToken } from './token-authenticator';

/**
 * Verifies tokens exactly as the socket handshake does (same key, pinned algorithms, required
 * `exp`, clock tolerance, claims mapping), for HTTP guards that must agree with the gateway.
 *
 * @example
 * ```ts
 * const { user } = await this.realtimeAuth.verify(bearerToken); // throws HandshakeError
 * ```
 */
@Injectable()
export class RealtimeAuthService {
  constructor(@Inject(TokenAuthenticator) private readonly authenticator: TokenAuthenticator) {}

  /**
   * Resolves with the token's user and expiry.
   * @throws HandshakeError with `data.code` `TOKEN_EXPIRED` or `UNAUTHORIZED`
   */
  verify(token: string): Promise<AuthenticatedToken> {
    return this.authenticator.authenticate(token);
  }
}
