import { ErrorCode, type RealtimeUser } from '@tenantcast/protocol';
import { HandshakeError } from '../errors/handshake.error';
import { quoteErrorMessage } from '../logging/log-values';
import type { ResolvedAuthOptions } from '../options/resolved-realtime-options';
import { mapClaimsToUser } from './claims-mapping';
import { TokenVerifier } from './token-verifier';

/** A verified token: the user it identifies and when it expires. */
export interface AuthenticatedToken {
  /** The user mapped from the token's claims. */
  user: RealtimeUser;
  /** The token's `exp`, in milliseconds since the Unix epoch. */
  expiresAt: number;
}

/**
 * Verifies a token and maps its claims to a user, with the module's rules: the same check runs
 * for handshakes, in-band refreshes and, through `RealtimeAuthService`, the app's HTTP routes.
 */
export class TokenAuthenticator {
  private readonly verifier: TokenVerifier;

  constructor(private readonly auth: ResolvedAuthOptions) {
    this.verifier = new TokenVerifier(auth);
  }

  /**
   * Resolves with the user and expiry, or rejects with a `HandshakeError`, never another error.
   * A token the `isRevoked` hook reports (or cannot clear: it threw) is refused as `UNAUTHORIZED`.
   */
  async authenticate(token: string): Promise<AuthenticatedToken> {
    const claims = await this.verifier.verify(token);
    let revoked: boolean;
    try {
      revoked = (await this.auth.isRevoked(claims)) !== false;
    } catch (error) {
      throw new HandshakeError(ErrorCode.Unauthorized, `isRevoked threw, so the token is refused: ${quoteErrorMessage(error)}`, { cause: error });
    }
    if (revoked) throw new HandshakeError(ErrorCode.Unauthorized, 'token is revoked');
    return { user: await mapClaimsToUser(claims, this.auth.mapClaims), expiresAt: claims.exp * 1000 };
  }
}
