import { createHmac, createSign, type KeyObject } from 'node:crypto';

/** Base64url JSON of a JOSE part. */
export function part(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Signs `header.payload` by hand: HS* with `secret` bytes, RS* with a private key; `none` leaves the signature empty. */
export function craftToken(header: Record<string, unknown>, claims: unknown, key: { hmac?: string | Buffer; privateKey?: KeyObject | string }): string {
  const input = `${part(header)}.${part(claims)}`;
  const alg = String(header.alg);
  if (/^HS(256|384|512)$/.test(alg) && key.hmac !== undefined) return `${input}.${createHmac(`sha${alg.slice(2)}`, key.hmac).update(input).digest('base64url')}`;
  if (/^RS(256|384|512)$/.test(alg) && key.privateKey !== undefined) return `${input}.${createSign(`RSA-SHA${alg.slice(2)}`).update(input).sign(key.privateKey, 'base64url')}`;
  return `${input}.`;
}
