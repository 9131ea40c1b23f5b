import { RealtimeService } from '@tenantcast/nest';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { closeAll, connect, connectError } from './support/clients';
import { api, devToken } from './support/http';
import { signToken, TEST_SECRET, tokenFor } from './support/tokens';

const now = () => Math.floor(Date.now() / 1000);
const OTHER_SECRET = 'some-other-service-secret-0123456789-abcdefgh';

/** Tokens every entrance must refuse, with the code the refusal carries. */
const refusals: Array<[string, () => string | undefined, 'UNAUTHORIZED' | 'TOKEN_EXPIRED']> = [
  ['no token', () => undefined, 'UNAUTHORIZED'],
  ['a garbage token', () => 'not-a-jwt', 'UNAUTHORIZED'],
  ['a payload changed after signing (tenantId acme → globex)', () => tamperedToken(), 'UNAUTHORIZED'],
  ['a token signed with another secret', () => signToken({ sub: 'alice', tenantId: 'acme' }, { secret: OTHER_SECRET }), 'UNAUTHORIZED'],
  ['an expired token', () => signToken({ sub: 'alice', tenantId: 'acme', exp: now() - 60 }), 'TOKEN_EXPIRED'],
  ['a token without exp', () => signToken({ sub: 'alice', tenantId: 'acme' }, { expiresInSeconds: null }), 'UNAUTHORIZED'],
  ['alg: none', () => signToken({ sub: 'alice', tenantId: 'acme' }, { header: { alg: 'none', typ: 'JWT' } }).replace(/[^.]+$/, ''), 'UNAUTHORIZED'],
  ['a token without tenantId', () => signToken({ sub: 'alice' }), 'UNAUTHORIZED'],
  ['a tenantId with a colon', () => signToken({ sub: 'alice', tenantId: 'acme:rca' }), 'UNAUTHORIZED'],
  ['rcaIds that are not strings', () => tokenFor('alice', 'acme', { role: 'viewer', rcaIds: [42] }), 'UNAUTHORIZED'],
];

/** A token of tenant acme whose payload was swapped for globex's, keeping acme's signature. */
function tamperedToken(): string {
  const [header, , signature] = tokenFor('alice', 'acme').split('.');
  const payload = Buffer.from(JSON.stringify({ sub: 'alice', tenantId: 'globex', exp: now() + 300 })).toString('base64url');
  return `${header}.${payload}.${signature}`;
}

describe('WebSocket authentication using JWT tokens', () => {
  let server: RunningApp;

  beforeAll(async () => {
    // DEMO_AUTH off: tokens come from the product's auth service, signed with JWT_SECRET.
    server = await startApp({ JWT_SECRET: TEST_SECRET });
  });
  afterEach(closeAll);
  afterAll(() => server.close());

  it('a token signed with JWT_SECRET authenticates the socket and puts user_id, tenant_id, role and email in socket.data', async () => {
    const { socket, connected } = await connect(`${server.url}/rca`, tokenFor('alice', 'acme'));
    const expected = { userId: 'alice', tenantId: 'acme', role: 'engineer', email: 'alice@acme.example' };
    expect(connected.user).toEqual(expected);
    const [serverSide] = await server.app.get(RealtimeService).namespace.in(socket.id!).fetchSockets();
    expect(serverSide?.data.user).toEqual(expected);
  });

  it('a dev token from POST /auth/dev-token (DEMO_AUTH=true) authenticates the same way; its generated secret belongs to that process alone', async () => {
    const demo = await startApp({ DEMO_AUTH: 'true' });
    try {
      const token = await devToken(demo.url, { userId: 'bob', tenantId: 'acme', role: 'viewer', email: 'bob@acme.example', rcaIds: ['42'] });
      const { connected } = await connect(`${demo.url}/rca`, token);
      expect(connected.user).toEqual({ userId: 'bob', tenantId: 'acme', role: 'viewer', email: 'bob@acme.example', rcaIds: ['42'] });
      // Without JWT_SECRET the secret is generated per process: another instance refuses the token.
      expect((await connectError(`${server.url}/rca`, token)).data?.code).toBe('UNAUTHORIZED');
    } finally {
      closeAll();
      await demo.close();
    }
  });

  for (const [label, token, code] of refusals) {
    it(`refuses ${label} with connect_error "Unauthorized" (${code}) on the socket and ${code} 401 on HTTP`, async () => {
      const error = await connectError(`${server.url}/rca`, token());
      expect(error.message).toBe('Unauthorized');
      expect(error.data?.code).toBe(code);
      const response = await api(server.url, 'GET', '/presence', { token: token() });
      expect(response).toMatchObject({ status: 401, body: { statusCode: 401, code, message: expect.any(String) } });
    });
  }
});
