import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { validateEnv, type AppEnv } from './env.validation';

/**
 * The validated settings, injectable under this class. Holds the JWT secret that both the HTTP
 * API and the realtime handshake verify with, so they can never disagree.
 */
export class AppConfig {
  constructor(
    readonly env: AppEnv,
    /** `JWT_SECRET`, or a random secret generated for this process under `DEMO_AUTH=true`. */
    readonly jwtSecret: string,
  ) {}
}

/** Validates `source` (normally `process.env`) and fills in the demo secret when needed. */
export function loadAppConfig(source: Readonly<Record<string, string | undefined>>): AppConfig {
  const env = validateEnv(source);
  const logger = new Logger(AppConfig.name);
  if (env.demoAuth) {
    logger.warn('DEMO_AUTH=true: POST /auth/dev-token issues a token to anyone who asks. Never enable it in production.');
  }
  if (env.jwtSecret !== undefined) return new AppConfig(env, env.jwtSecret);
  logger.warn('JWT_SECRET is not set: tokens are signed with a random secret generated for this process, so they stop working when it restarts.');
  return new AppConfig(env, randomBytes(48).toString('base64url'));
}
