import { signToken as signWith, type SignTokenOptions } from '@tenantcast/test-support';

/** A 48-byte test secret; the module refuses HMAC secrets under 32 bytes. */
export const TEST_SECRET = 'tenantcast-test-secret-0123456789-abcdefghijklmn';

/** Signs an HS256 JWT by hand with {@link TEST_SECRET} unless told otherwise. */
export function signToken(claims: Record<string, unknown>, options: Partial<SignTokenOptions> = {}): string {
  return signWith(claims, { secret: TEST_SECRET, ...options });
}

/** A valid token for `userId` of `tenantId`. */
export function tokenFor(userId: string, tenantId: string, extra: Record<string, unknown> = {}, expiresInSeconds = 300): string {
  return signToken({ sub: userId, tenantId, role: 'engineer', email: `${userId}@${tenantId}.example`, ...extra }, { expiresInSeconds });
}
