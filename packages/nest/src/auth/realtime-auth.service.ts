import { Inject, Injectable } from '@nestjs/common';
import { TOKEN_AUTHENTICATOR } from '../realtime-internal.constants';
import type { AuthenticatedToken, TokenAuthenticator } from './token-authenticator';
import { SharedAcrossBuilds } from '../shared-across-builds';

/**
 * Verifies tokens exactly as the socket handshake does (same key, pinned algorithms, required
 * `exp`, clock tolerance, claims mapping), for HTTP guards that must agree with the gateway.
 *
 * @example
 * ```ts
 * const { user } = await this.realtimeAuth.verify(bearerToken); // throws HandshakeError
 * ```
 */
@SharedAcrossBuilds('RealtimeAuthService')
@Injectable()
export class RealtimeAuthService {
  constructor(@Inject(TOKEN_AUTHENTICATOR) private readonly authenticator: TokenAuthenticator) {}

  /**
   * Resolves with the token's user and expiry.
   * @throws HandshakeError with `data.code` `TOKEN_EXPIRED` or `UNAUTHORIZED`
   */
  verify(token: string): Promise<AuthenticatedToken> {
    return this.authenticator.authenticate(token);
  }
}
