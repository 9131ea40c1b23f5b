import { createHmac } from 'node:crypto';

/** Options of {@link signToken}. */
export interface SignTokenOptions {
  /** The HMAC secret. */
  secret: string;
  /** The JOSE header; change it to craft hostile tokens (`alg: none`, `kid`, …). @default { alg: 'HS256', typ: 'JWT' } */
  header?: Record<string, unknown>;
  /** Seconds from `now` to `exp`; negative for an expired token, `null` for no `exp` at all. @default 300 */
  expiresInSeconds?: number | null;
  /** Milliseconds since the epoch taken as "now" for `iat` and `exp`. @default Date.now() */
  now?: number;
}

/**
 * Signs an HS256 JWT by hand, as another service would, so tests can also craft malformed,
 * expired and `alg: none` tokens without a JWT library deciding for them. `claims` override the
 * `iat` and `exp` it adds.
 */
export function signToken(claims: Record<string, unknown>, options: SignTokenOptions): string {
  const now = Math.floor((options.now ?? Date.now()) / 1000);
  const expiry = options.expiresInSeconds === null ? {} : { exp: now + (options.expiresInSeconds ?? 300) };
  const unsigned = `${encode(options.header ?? { alg: 'HS256', typ: 'JWT' })}.${encode({ iat: now, ...expiry, ...claims })}`;
  return `${unsigned}.${createHmac('sha256', options.secret).update(unsigned).digest('base64url')}`;
}

/** The claims of a token, read without verifying it. */
export function decodeClaims(token: string): Record<string, unknown> {
  const [, payload = ''] = token.split('.');
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

function encode(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}
