import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { ErrorCode } from '@tenantcast/protocol';
import { HandshakeError } from '../errors/handshake.error';
import type { JwtClaims } from '../realtime-options.interface';
import type { ResolvedRealtimeOptions } from '../resolve-realtime-options';

/** Verifies tokens with the configured key or hook; refusals are {@link HandshakeError}s. */
export class TokenVerifier {
  private readonly verifyClaims: (token: string) => Promise<JwtClaims>;

  constructor(auth: ResolvedRealtimeOptions['auth']) {
    this.verifyClaims = auth.verify ? async (token) => auth.verify!(token) : createJwtServiceVerifier(auth);
  }

  /**
   * Resolves with the token's claims, or rejects with a {@link HandshakeError} carrying
   * `TOKEN_EXPIRED` for an expired token and `UNAUTHORIZED` for anything else.
   */
  async verify(token: string): Promise<JwtClaims & { exp: number }> {
    let claims: JwtClaims;
    try {
      claims = await this.verifyClaims(token);
    } catch (error) {
      throw toHandshakeError(error);
    }
    if (typeof claims !== 'object' || claims === null) throw new HandshakeError(ErrorCode.Unauthorized, 'verifier returned no claims');
    // A token without `exp` would outlive every revocation and the connection's refresh cycle.
    if (typeof claims.exp !== 'number' || !Number.isFinite(claims.exp)) {
      throw new HandshakeError(ErrorCode.Unauthorized, 'token has no numeric exp claim');
    }
    return claims as JwtClaims & { exp: number };
  }
}

function createJwtServiceVerifier(auth: ResolvedRealtimeOptions['auth']): (token: string) => Promise<JwtClaims> {
  // jsonwebtoken re-parses a string key on every call (first trying it as a PEM public key),
  // which costs about as much as the verification itself; a KeyObject is parsed once here.
  const key: KeyObject = auth.secret !== undefined ? createSecretKey(toBuffer(auth.secret)) : createPublicKey(auth.publicKey!);
  const jwt = new JwtService({
    secret: key,
    verifyOptions: {
      algorithms: auth.algorithms,
      issuer: auth.issuer as string | [string, ...string[]] | undefined,
      audience: auth.audience as string | [string, ...string[]] | undefined,
      clockTolerance: auth.clockToleranceSeconds,
      maxAge: auth.maxTokenAgeSeconds === undefined ? undefined : `${auth.maxTokenAgeSeconds}s`,
    },
  });
  return (token) => jwt.verifyAsync<JwtClaims>(token);
}

function toBuffer(secret: string | Buffer): Buffer {
  return typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
}

const EXPIRED_NAMES = new Set(['TokenExpiredError', 'JWTExpired']);
const EXPIRED_CODES = new Set([ErrorCode.TokenExpired, 'ERR_JWT_EXPIRED']);

function toHandshakeError(error: unknown): HandshakeError {
  if (error instanceof HandshakeError) return error;
  const { name, code, message } = (error ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  const reason = typeof message === 'string' ? message : 'token verification failed';
  if (EXPIRED_NAMES.has(String(name)) || EXPIRED_CODES.has(String(code))) return new HandshakeError(ErrorCode.TokenExpired, reason);
  return new HandshakeError(ErrorCode.Unauthorized, reason);
}
