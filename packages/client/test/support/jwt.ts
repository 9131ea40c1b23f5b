import { decodeClaims, signToken as signWith, type SignTokenOptions } from '@tenantcast/test-support';

/** The HS256 secret every test server verifies with (at least 32 bytes, as the server requires). */
export const TEST_SECRET = 'tenantcast-client-tests-secret-0123456789';

/** Claims of a test token. */
export interface TestClaims {
  sub: string;
  tenantId: string;
  role?: string;
  email?: string;
  /** RCAs the user may open, for servers whose `authorize` reads it. */
  rcaIds?: string[];
}

/** Signs an HS256 JWT for `claims` with {@link TEST_SECRET} unless told otherwise. */
export function signToken(claims: TestClaims, options: Partial<SignTokenOptions> = {}): string {
  return signWith({ ...claims }, { secret: TEST_SECRET, ...options });
}

/** Reads `exp` (seconds) of a token. */
export function expiryOf(token: string): number {
  return decodeClaims(token).exp as number;
}
