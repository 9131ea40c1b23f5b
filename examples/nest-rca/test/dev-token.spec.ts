import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { api } from './support/http';
import { DEMO_ENV, TEST_SECRET } from './support/tokens';

describe('POST /auth/dev-token', () => {
  let demo: RunningApp;
  let production: RunningApp;

  beforeAll(async () => {
    demo = await startApp(DEMO_ENV);
    production = await startApp({ JWT_SECRET: TEST_SECRET });
  });
  afterAll(async () => {
    await demo.close();
    await production.close();
  });

  it('is a 404 when DEMO_AUTH is off, with or without a token', async () => {
    const body = { userId: 'alice', tenantId: 'acme', role: 'engineer', email: 'alice@acme.example' };
    expect((await api(production.url, 'POST', '/auth/dev-token', { body })).status).toBe(404);
    expect((await api(production.url, 'POST', '/auth/dev-token', { body: {} })).status).toBe(404);
  });

  it('issues an HS256 token with sub, tenantId, role, email and a one-hour exp when DEMO_AUTH=true', async () => {
    const response = await api<{ token: string }>(demo.url, 'POST', '/auth/dev-token', { body: { userId: 'alice', tenantId: 'acme', role: 'engineer', email: 'alice@acme.example' } });
    expect(response.status).toBe(201);
    const [header, payload] = response.body.token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(payload).toEqual({ sub: 'alice', tenantId: 'acme', role: 'engineer', email: 'alice@acme.example', iat: expect.any(Number), exp: expect.any(Number) });
    expect(Number(payload!.exp) - Number(payload!.iat)).toBe(3_600);
  });

  const badBodies: Array<[string, unknown, RegExp]> = [
    ['no body', undefined, /not a JSON object/],
    ['an array', [1], /not a JSON object/],
    ['no userId', { tenantId: 'acme', role: 'engineer' }, /userId must be a string/],
    ['a tenantId with a colon', { userId: 'alice', tenantId: 'acme:globex', role: 'engineer' }, /tenantId contains a forbidden character/],
    ['an empty role', { userId: 'alice', tenantId: 'acme', role: '' }, /role must be a non-empty string/],
    ['a numeric email', { userId: 'alice', tenantId: 'acme', role: 'engineer', email: 42 }, /email must be a non-empty string/],
    ['rcaIds that are not a list', { userId: 'vera', tenantId: 'acme', role: 'viewer', rcaIds: '42' }, /rcaIds must be an array/],
    ['an rcaId with a colon', { userId: 'vera', tenantId: 'acme', role: 'viewer', rcaIds: ['a:b'] }, /rcaIds: id contains a forbidden character/],
  ];
  for (const [label, body, problem] of badBodies) {
    it(`answers 400 INVALID_PAYLOAD naming the problem and the expected body for ${label}`, async () => {
      const response = await api<{ code: string; message: string }>(demo.url, 'POST', '/auth/dev-token', { body });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe('INVALID_PAYLOAD');
      expect(response.body.message).toMatch(problem);
      expect(response.body.message).toContain('Send JSON { "userId": "alice", "tenantId": "acme", "role": "engineer"');
    });
  }
});
