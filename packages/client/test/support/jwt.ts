import { createHmac } from 'node:crypto';

/** The HS256 secret every test server verifies with (at least 32 bytes, as the server requires). */
export const TEST_SECRET = 'tenantcast-client-tests-secret-0123456789';

/** Claims of a test token. */
export interface TestClaims {
  sub: string;
  tenantId: string;
  role?: string;
  email?: string;
}

/** Options of {@link signToken}. */
export interface SignOptions {
  /** Seconds until `exp`, from `now`; negative for an already expired token. @default 300 */
  expiresInSeconds?: number;
  /** The secret. @default TEST_SECRET */
  secret?: string;
  /** Milliseconds since the epoch taken as "now". @default Date.now() */
  now?: number;
}

/** Signs an HS256 JWT with node:crypto; enough for tests, no JWT library needed. */
export function signToken(claims: TestClaims, options: SignOptions = {}): string {
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const header = encode({ alg: 'HS256', typ: 'JWT' });
  const payload = encode({ ...claims, iat: now, exp: now + (options.expiresInSeconds ?? 300) });
  const signature = createHmac('sha256', options.secret ?? TEST_SECRET).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${signature}`;
}

/** Reads `exp` (seconds) of a token signed by {@link signToken}. */
export function expiryOf(token: string): number {
  const [, payload] = token.split('.');
  return (JSON.parse(Buffer.from(payload ?? '', 'base64url').toString('utf8')) as { exp: number }).exp;
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
