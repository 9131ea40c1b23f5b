import { createHmac } from 'node:crypto';

/** A 48-byte test secret; the module refuses HMAC secrets under 32 bytes. */
export const TEST_SECRET = 'tenantcast-test-secret-0123456789-abcdefghijklmn';

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

/** Signs an HS256 JWT by hand, so tests can also craft malformed and hostile tokens. */
export function signToken(
  claims: Record<string, unknown>,
  options: { secret?: string; header?: Record<string, unknown>; expiresInSeconds?: number | null } = {},
): string {
  const header = options.header ?? { alg: 'HS256', typ: 'JWT' };
  const now = Math.floor(Date.now() / 1000);
  const body = { iat: now, ...(options.expiresInSeconds === null ? {} : { exp: now + (options.expiresInSeconds ?? 300) }), ...claims };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(body))}`;
  const signature = createHmac('sha256', options.secret ?? TEST_SECRET).update(unsigned).digest('base64url');
  return `${unsigned}.${signature}`;
}

/** A valid token for `userId` of `tenantId`. */
export function tokenFor(userId: string, tenantId: string, extra: Record<string, unknown> = {}, expiresInSeconds = 300): string {
  return signToken({ sub: userId, tenantId, role: 'engineer', email: `${userId}@${tenantId}.example`, ...extra }, { expiresInSeconds });
}
