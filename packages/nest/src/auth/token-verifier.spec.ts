import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { HandshakeError } from '../errors/handshake.error';
import { resolveRealtimeOptions } from '../options/resolve-realtime-options';
import type { RealtimeAuthOptions } from '../realtime-options.interface';
import { TokenVerifier } from './token-verifier';

const SECRET = 'unit-test-secret-of-at-least-32-bytes!';
const keys = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const now = () => Math.floor(Date.now() / 1000);

function verifierFor(auth: RealtimeAuthOptions): TokenVerifier {
  return new TokenVerifier(resolveRealtimeOptions({ auth }).auth);
}

function unsigned(header: object, claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part(header)}.${part(claims)}.`;
}

async function refusal(verifier: TokenVerifier, token: string): Promise<HandshakeError> {
  const error: unknown = await verifier.verify(token).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (!(error instanceof HandshakeError)) throw new Error(`expected a HandshakeError, got ${String(error)}`);
  return error;
}

describe('TokenVerifier', () => {
  const hmac = verifierFor({ secret: SECRET });
  const rsa = verifierFor({ publicKey: keys.publicKey, algorithms: ['RS256'] });

  it('accepts an HS256 token signed with the secret and returns its claims', async () => {
    const token = jwt.sign({ sub: 'u1', tenantId: 'acme' }, SECRET, { algorithm: 'HS256', expiresIn: 60 });
    await expect(hmac.verify(token)).resolves.toMatchObject({ sub: 'u1', tenantId: 'acme', exp: expect.any(Number) });
  });

  it('accepts an RS256 token signed with the private key', async () => {
    const token = jwt.sign({ sub: 'u1' }, keys.privateKey, { algorithm: 'RS256', expiresIn: 60 });
    await expect(rsa.verify(token)).resolves.toMatchObject({ sub: 'u1' });
  });

  it.each(['none', 'None', 'NONE'])('refuses a token with alg %s as UNAUTHORIZED', async (alg) => {
    const token = unsigned({ alg, typ: 'JWT' }, { sub: 'u1', exp: now() + 60 });
    expect((await refusal(hmac, token)).data.code).toBe('UNAUTHORIZED');
    expect((await refusal(rsa, token)).data.code).toBe('UNAUTHORIZED');
  });

  it('refuses an HS256 token signed with the RSA public key as the secret (algorithm confusion)', async () => {
    for (const secret of [keys.publicKey, `\n${keys.publicKey}`]) {
      const token = jwt.sign({ sub: 'u1', exp: now() + 60 }, Buffer.from(secret), { algorithm: 'HS256' });
      expect((await refusal(rsa, token)).data.code).toBe('UNAUTHORIZED');
    }
  });

  it('refuses a token without exp, even when its signature is valid', async () => {
    const token = jwt.sign({ sub: 'u1' }, SECRET, { algorithm: 'HS256' });
    const error = await refusal(hmac, token);
    expect(error.data.code).toBe('UNAUTHORIZED');
    expect(error.reason).toMatch(/no numeric exp/);
  });

  it('reports an expired token as TOKEN_EXPIRED so the client fetches a fresh one', async () => {
    const token = jwt.sign({ sub: 'u1', exp: now() - 60 }, SECRET, { algorithm: 'HS256' });
    expect((await refusal(hmac, token)).data.code).toBe('TOKEN_EXPIRED');
  });

  it('tolerates clock skew up to clockToleranceSeconds and no further', async () => {
    const lenient = verifierFor({ secret: SECRET, clockToleranceSeconds: 30 });
    await expect(lenient.verify(jwt.sign({ sub: 'u1', exp: now() - 10 }, SECRET))).resolves.toMatchObject({ sub: 'u1' });
    expect((await refusal(lenient, jwt.sign({ sub: 'u1', exp: now() - 60 }, SECRET))).data.code).toBe('TOKEN_EXPIRED');
  });

  it('refuses a token that is not yet valid, too old, or from another issuer or audience', async () => {
    const strict = verifierFor({ secret: SECRET, issuer: 'https://id.example', audience: 'rca', maxTokenAgeSeconds: 60, clockToleranceSeconds: 0 });
    const base = { sub: 'u1', iss: 'https://id.example', aud: 'rca', exp: now() + 600 };
    await expect(strict.verify(jwt.sign(base, SECRET))).resolves.toMatchObject({ sub: 'u1' });
    for (const claims of [{ ...base, nbf: now() + 60 }, { ...base, iat: now() - 120 }, { ...base, iss: 'https://evil.example' }, { ...base, aud: 'other' }]) {
      expect((await refusal(strict, jwt.sign(claims, SECRET))).data.code).toBe('UNAUTHORIZED');
    }
  });

  it('refuses a token with a flipped signature bit or a truncated signature', async () => {
    const token = jwt.sign({ sub: 'u1', exp: now() + 60 }, SECRET);
    const [head, body, signature = ''] = token.split('.');
    const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
    expect((await refusal(hmac, `${head}.${body}.${flipped}`)).data.code).toBe('UNAUTHORIZED');
    expect((await refusal(hmac, `${head}.${body}.${signature.slice(0, 10)}`)).data.code).toBe('UNAUTHORIZED');
  });

  describe('with a custom verify hook', () => {
    it('returns what the hook resolves, as long as it carries a numeric exp', async () => {
      const verifier = verifierFor({ verify: async (token) => ({ sub: token, exp: now() + 60 }) });
      await expect(verifier.verify('u1')).resolves.toMatchObject({ sub: 'u1' });
      const withoutExp = verifierFor({ verify: () => ({ sub: 'u1', exp: '1' }) as never });
      expect((await refusal(withoutExp, 't')).data.code).toBe('UNAUTHORIZED');
      const noClaims = verifierFor({ verify: () => null as never });
      expect((await refusal(noClaims, 't')).reason).toMatch(/no claims/);
    });

    it('maps the expiry errors of jsonwebtoken and jose to TOKEN_EXPIRED and anything else to UNAUTHORIZED', async () => {
      const throwing = (error: object) => verifierFor({ verify: () => Promise.reject(error) });
      expect((await refusal(throwing({ name: 'TokenExpiredError', message: 'jwt expired' }), 't')).data.code).toBe('TOKEN_EXPIRED');
      expect((await refusal(throwing({ name: 'JWTExpired' }), 't')).data.code).toBe('TOKEN_EXPIRED');
      expect((await refusal(throwing({ code: 'ERR_JWT_EXPIRED' }), 't')).data.code).toBe('TOKEN_EXPIRED');
      expect((await refusal(throwing(new Error('bad signature')), 't')).data).toEqual({ code: 'UNAUTHORIZED', message: expect.any(String) });
    });

    it('passes a HandshakeError from the hook through unchanged', async () => {
      const own = new HandshakeError('TOKEN_EXPIRED', 'expired in the hook');
      expect(await refusal(verifierFor({ verify: () => Promise.reject(own) }), 't')).toBe(own);
    });
  });
});
