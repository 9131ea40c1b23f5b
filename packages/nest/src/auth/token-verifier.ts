import { JwtService } from '@nestjs/jwt';
import { ErrorCode } from '@tenantcast/protocol';
import { HandshakeError } from '../errors/handshake.error';
import type { JwtVerification, ResolvedAuthOptions } from '../options/resolved-realtime-options';
import type { JwtClaims } from '../realtime-options.interface';

/** Claims of a verified token; `exp` is always there. */
export type VerifiedClaims = JwtClaims & { exp: number };

/** Verifies tokens with the configured key or hook; refusals are {@link HandshakeError}s. */
export class TokenVerifier {
  private readonly verifyClaims: (token: string) => Promise<JwtClaims> | JwtClaims;

  constructor(auth: ResolvedAuthOptions) {
    this.verifyClaims = auth.mode === 'custom' ? auth.verify : createJwtServiceVerifier(auth.jwt);
  }

  /**
   * Resolves with the token's claims, or rejects with a {@link HandshakeError} carrying
   * `TOKEN_EXPIRED` for an expired token and `UNAUTHORIZED` for anything else.
   */
  async verify(token: string): Promise<VerifiedClaims> {
    let claims: unknown;
    try {
      claims = await this.verifyClaims(token);
    } catch (error) {
      throw toHandshakeError(error);
    }
    if (typeof claims !== 'object' || claims === null) throw new HandshakeError(ErrorCode.Unauthorized, 'verifier returned no claims');
    // A token without `exp` would outlive every revocation and the connection's refresh cycle.
    const { exp } = claims as JwtClaims;
    if (typeof exp !== 'number' || !Number.isFinite(exp)) throw new HandshakeError(ErrorCode.Unauthorized, 'token has no numeric exp claim');
    return claims as VerifiedClaims;
  }
}

function createJwtServiceVerifier(jwt: JwtVerification): (token: string) => Promise<JwtClaims> {
  const service = new JwtService({
    secret: jwt.key,
    verifyOptions: {
      algorithms: jwt.algorithms,
      issuer: jwt.issuer,
      audience: jwt.audience,
      clockTolerance: jwt.clockToleranceSeconds,
      maxAge: jwt.maxTokenAgeSeconds === undefined ? undefined : `${jwt.maxTokenAgeSeconds}s`,
    },
  });
  return (token) => service.verifyAsync<JwtClaims>(token);
}

const EXPIRED_NAMES: ReadonlySet<string> = new Set(['TokenExpiredError', 'JWTExpired']);
const EXPIRED_CODES: ReadonlySet<string> = new Set([ErrorCode.TokenExpired, 'ERR_JWT_EXPIRED']);
/**
 * jsonwebtoken reports a token older than `maxTokenAgeSeconds` as a `TokenExpiredError` too. It is
 * refused by the server's policy rather than stale, so it is `UNAUTHORIZED`: a client answering
 * `TOKEN_EXPIRED` with a silent refresh would only get back its provider's cached token.
 */
const MAX_AGE_EXCEEDED = 'maxAge exceeded';

function toHandshakeError(error: unknown): HandshakeError {
  if (error instanceof HandshakeError) return error;
  const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  const reason = typeof message === 'string' ? message : 'token verification failed';
  const expired = (EXPIRED_NAMES.has(String(name)) || EXPIRED_CODES.has(String(code))) && reason !== MAX_AGE_EXCEEDED;
  return new HandshakeError(expired ? ErrorCode.TokenExpired : ErrorCode.Unauthorized, reason, { cause: error });
}
