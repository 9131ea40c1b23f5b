import { createHmac } from 'node:crypto';

/** The JWT_SECRET of test apps, standing in for the one the product's auth service signs with. */
export const TEST_SECRET = 'nest-rca-test-secret-0123456789-abcdefghijklmnop';

/** Environment of a test app that serves dev tokens and also accepts tokens signed with TEST_SECRET. */
export const DEMO_ENV = { DEMO_AUTH: 'true', JWT_SECRET: TEST_SECRET } as const;

/**
 * Signs an HS256 JWT by hand, as another service would, so tests can also craft expired,
 * forged and `alg: none` tokens.
 */
export function signToken(
  claims: Record<string, unknown>,
  options: { secret?: string; header?: Record<string, unknown>; expiresInSeconds?: number | null } = {},
): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const body = { iat: now, ...(options.expiresInSeconds === null ? {} : { exp: now + (options.expiresInSeconds ?? 300) }), ...claims };
  const unsigned = `${encode(options.header ?? { alg: 'HS256', typ: 'JWT' })}.${encode(body)}`;
  return `${unsigned}.${createHmac('sha256', options.secret ?? TEST_SECRET).update(unsigned).digest('base64url')}`;
}

/** A valid token for `userId` of `tenantId` signed with TEST_SECRET. */
export function tokenFor(userId: string, tenantId: string, extra: Record<string, unknown> = {}): string {
  return signToken({ sub: userId, tenantId, role: 'engineer', email: `${userId}@${tenantId}.example`, ...extra });
}
