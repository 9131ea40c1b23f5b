import type { JwtModuleOptions } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import type { AppConfig } from '../config/app-config';

/** The one algorithm tokens are signed and verified with; the token header never chooses it. */
export const JWT_ALGORITHM = 'HS256';

/** Lifetime of dev tokens. The realtime server warns before it ends and closes at `exp`. */
export const DEV_TOKEN_TTL_SECONDS = 3_600;

/** `JwtModule` options for signing dev tokens with the secret and algorithm the handshake verifies. */
export function jwtModuleOptions(config: AppConfig): JwtModuleOptions {
  return {
    // A KeyObject is parsed once; jsonwebtoken would re-parse a string secret on every call.
    secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')),
    signOptions: { algorithm: JWT_ALGORITHM, expiresIn: DEV_TOKEN_TTL_SECONDS },
  };
}
