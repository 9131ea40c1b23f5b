import type { RealtimeUser } from '@tenantcast/protocol';
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

  /** Resolves with the user and expiry, or rejects with a `HandshakeError`, never another error. */
  async authenticate(token: string): Promise<AuthenticatedToken> {
    const claims = await this.verifier.verify(token);
    return { user: await mapClaimsToUser(claims, this.auth.mapClaims), expiresAt: claims.exp * 1000 };
  }
}
