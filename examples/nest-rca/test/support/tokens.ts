import { signToken as signWith, type SignTokenOptions } from '@tenantcast/test-support';

/** The JWT_SECRET of test apps, standing in for the one the product's auth service signs with. */
export const TEST_SECRET = 'nest-rca-test-secret-0123456789-abcdefghijklmnop';

/** Environment of a test app that serves dev tokens and also accepts tokens signed with TEST_SECRET. */
export const DEMO_ENV = { DEMO_AUTH: 'true', JWT_SECRET: TEST_SECRET } as const;

/** Signs an HS256 JWT by hand with {@link TEST_SECRET} unless told otherwise, as another service would. */
export function signToken(claims: Record<string, unknown>, options: Partial<SignTokenOptions> = {}): string {
  return signWith(claims, { secret: TEST_SECRET, ...options });
}

/** A valid token for `userId` of `tenantId` signed with TEST_SECRET. */
export function tokenFor(userId: string, tenantId: string, extra: Record<string, unknown> = {}): string {
  return signToken({ sub: userId, tenantId, role: 'engineer', email: `${userId}@${tenantId}.example`, ...extra });
}
