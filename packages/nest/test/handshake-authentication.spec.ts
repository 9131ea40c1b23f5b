import { Logger } from '@nestjs/common';
import { ConnectedSocket, type OnGatewayConnection } from '@nestjs/websockets';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealtimeAuthService, RealtimeGateway, type RealtimeSocket } from '../src';
import { startRealtimeApp, type TestApp } from './support/apps';
import { CapturingLogger } from './support/capturing-logger';
import { connectClient, expectConnectError, request } from './support/clients';
import { signToken, TEST_SECRET, tokenFor } from './support/tokens';

/** Records every socket an application gateway on the namespace is handed. */
@RealtimeGateway()
class SpyGateway implements OnGatewayConnection {
  static seen: Array<{ id: string; user: unknown; auth: unknown; authorization: unknown }> = [];

  handleConnection(@ConnectedSocket() socket: RealtimeSocket): void {
    SpyGateway.seen.push({
      id: socket.id,
      user: socket.data.user,
      auth: { ...(socket.handshake.auth as object) },
      authorization: socket.handshake.headers.authorization,
    });
  }
}

describe('WebSocket authentication using JWT tokens', () => {
  let server: TestApp;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    Logger.overrideLogger(logger);
    server = await startRealtimeApp({}, { providers: [SpyGateway] });
    server.app.useLogger(logger);
  });
  afterAll(async () => {
    await server.close();
    Logger.overrideLogger(false);
  });

  it('attaches userId, tenantId, role and email from a valid token to socket.data.user', async () => {
    const { socket, connected } = await connectClient(server.url, '/rca', tokenFor('u1', 'acme'));
    expect(connected.user).toEqual({ userId: 'u1', tenantId: 'acme', role: 'engineer', email: 'u1@acme.example' });
    const seen = SpyGateway.seen.find((entry) => entry.id === socket.id);
    expect(seen?.user).toEqual(connected.user);
    socket.close();
  });

  it('accepts the token from an Authorization: Bearer header', async () => {
    const { socket, connected } = await connectClient(server.url, '/rca', undefined, { extraHeaders: { Authorization: `Bearer ${tokenFor('u2', 'acme')}` } });
    expect(connected.user.userId).toBe('u2');
    socket.close();
  });

  it('removes the token from the handshake before app gateways see the socket', async () => {
    const token = tokenFor('u3', 'acme');
    const { socket } = await connectClient(server.url, '/rca', token, { extraHeaders: { Authorization: `Bearer ${token}` } });
    const seen = SpyGateway.seen.find((entry) => entry.id === socket.id);
    expect(seen?.auth).toEqual({});
    expect(seen?.authorization).toBeUndefined();
    socket.close();
  });

  const now = () => Math.floor(Date.now() / 1000);
  const refusals: Array<[string, () => string | undefined, string]> = [
    ['no token', () => undefined, 'UNAUTHORIZED'],
    ['a garbage token', () => 'not-a-jwt', 'UNAUTHORIZED'],
    ['a bad signature', () => signToken({ sub: 'u1', tenantId: 'acme' }, { secret: 'another-secret-that-is-long-enough-0123456789' }), 'UNAUTHORIZED'],
    ['an expired token', () => signToken({ sub: 'u1', tenantId: 'acme', exp: now() - 60 }), 'TOKEN_EXPIRED'],
    ['a token without exp', () => signToken({ sub: 'u1', tenantId: 'acme' }, { expiresInSeconds: null }), 'UNAUTHORIZED'],
    ['a token not valid yet (nbf in 60 s)', () => signToken({ sub: 'u1', tenantId: 'acme', nbf: now() + 60 }), 'UNAUTHORIZED'],
    ['a token without tenantId', () => signToken({ sub: 'u1' }), 'UNAUTHORIZED'],
    ['a token without sub', () => signToken({ tenantId: 'acme' }), 'UNAUTHORIZED'],
    ...(['none', 'None', 'NONE'].map((alg) => [
      `alg: ${alg} with an empty signature`,
      () => signToken({ sub: 'u1', tenantId: 'acme' }, { header: { alg, typ: 'JWT' } }).replace(/[^.]+$/, ''),
      'UNAUTHORIZED',
    ]) as Array<[string, () => string, string]>),
    ['an HS512 token when only HS256 is allowed', () => signToken({ sub: 'u1', tenantId: 'acme' }, { header: { alg: 'HS512', typ: 'JWT' } }), 'UNAUTHORIZED'],
    ...([['an array', ['acme']], ['an object', { id: 'acme' }], ['a number', 42], ['an empty string', ''], ['a glob', '*'], ['a colon', 'a:b'], ['10 KB', 'x'.repeat(10_240)], ['__proto__', { __proto__: { admin: true } }]] as Array<[string, unknown]>).map(
      ([label, tenantId]) => [`tenantId claim as ${label}`, () => signToken({ sub: 'u1', tenantId }), 'UNAUTHORIZED'] as [string, () => string, string],
    ),
  ];

  for (const [label, token, code] of refusals) {
    it(`refuses ${label} with connect_error 'Unauthorized' and code ${code}, and the app gateway never sees it`, async () => {
      const before = SpyGateway.seen.length;
      const error = await expectConnectError(server.url, '/rca', token());
      expect(error.message).toBe('Unauthorized');
      expect(error.data?.code).toBe(code);
      expect(SpyGateway.seen.length).toBe(before);
    });
  }

  it('refuses a token in the query string unless allowQueryToken is set', async () => {
    const error = await expectConnectError(server.url, '/rca', undefined, { query: { token: tokenFor('u1', 'acme') } });
    expect(error.data?.code).toBe('UNAUTHORIZED');
    const permissive = await startRealtimeApp({ auth: { secret: TEST_SECRET, allowQueryToken: true } });
    try {
      const { socket, connected } = await connectClient(permissive.url, '/rca', undefined, { query: { token: tokenFor('u9', 'acme') } });
      expect(connected.user.userId).toBe('u9');
      socket.close();
    } finally {
      await permissive.close();
    }
  });

  it('keeps serving authenticated sockets while refusing bad handshakes', async () => {
    const { socket } = await connectClient(server.url, '/rca', tokenFor('u4', 'acme'));
    await Promise.all(Array.from({ length: 20 }, () => expectConnectError(server.url, '/rca', 'bad.token.value')));
    const ack = await request<{ ok: boolean }>(socket, 'join', { kind: 'rca', id: '1' });
    expect(ack.ok).toBe(true);
    socket.close();
  });

  it('never writes a token, or any 16-character piece of one, to a log line', async () => {
    const tokens = [tokenFor('u5', 'acme'), signToken({ sub: 'u1', tenantId: 'acme', exp: now() - 60 }), signToken({ sub: 'u1' })];
    for (const token of tokens) {
      await connectClient(server.url, '/rca', token).then(({ socket }) => socket.close(), () => undefined);
    }
    expect(logger.lines.some((line) => line.includes('Refused handshake'))).toBe(true);
    expect(logger.lines.some((line) => line.includes('Connected socket='))).toBe(true);
    for (const token of tokens) {
      const signature = token.split('.')[2] ?? '';
      for (let start = 0; start + 16 <= signature.length; start += 8) {
        const piece = signature.slice(start, start + 16);
        expect(logger.lines.filter((line) => line.includes(piece))).toEqual([]);
      }
      expect(logger.lines.filter((line) => line.includes(token))).toEqual([]);
    }
  });

  it('RealtimeAuthService verifies tokens for HTTP routes with exactly the handshake’s rules', async () => {
    const auth = server.app.get(RealtimeAuthService);
    const token = tokenFor('http-user', 'acme');
    await expect(auth.verify(token)).resolves.toEqual({
      user: { userId: 'http-user', tenantId: 'acme', role: 'engineer', email: 'http-user@acme.example' },
      expiresAt: expect.any(Number),
    });
    await expect(auth.verify(signToken({ sub: 'u1', tenantId: 'acme', exp: now() - 60 }))).rejects.toMatchObject({ message: 'Unauthorized', data: { code: 'TOKEN_EXPIRED' } });
    await expect(auth.verify(signToken({ sub: 'u1', tenantId: 'a:b' }))).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
    await expect(auth.verify(signToken({ sub: 'u1', tenantId: 'acme' }, { expiresInSeconds: null }))).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });

  it('refuses with UNAUTHORIZED, over sockets and RealtimeAuthService alike, when the app’s mapClaims throws', async () => {
    const throwing = await startRealtimeApp({
      auth: {
        secret: TEST_SECRET,
        mapClaims: () => {
          throw new Error('user directory is down');
        },
      },
    });
    try {
      const error = await expectConnectError(throwing.url, '/rca', tokenFor('u1', 'acme'));
      expect(error.data?.code).toBe('UNAUTHORIZED');
      await expect(throwing.app.get(RealtimeAuthService).verify(tokenFor('u1', 'acme'))).rejects.toMatchObject({
        name: 'HandshakeError',
        data: { code: 'UNAUTHORIZED' },
      });
    } finally {
      await throwing.close();
    }
  });
});
