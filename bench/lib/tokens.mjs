import { createHmac } from 'node:crypto';

/** The secret every bench server verifies with (48 bytes; the module needs at least 32). */
export const BENCH_SECRET = 'tenantcast-bench-secret-0123456789-abcdefghijklm';

/** Signs an HS256 token for `userId` of `tenantId`, valid for an hour. */
export function benchToken(userId, tenantId) {
  const encode = (value) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode({ sub: userId, tenantId, role: 'engineer', iat: now, exp: now + 3600 })}`;
  return `${unsigned}.${createHmac('sha256', BENCH_SECRET).update(unsigned).digest('base64url')}`;
}
