import { Logger } from '@nestjs/common';
import { ConnectedSocket, type OnGatewayConnection } from '@nestjs/websockets';
import { createPublicKey, createVerify, createHmac, generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import type { ErrorPayload, RefreshTokenAck, TokenExpiringPayload } from '@tenantcast/protocol';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REDIS_URL, deleteKeys, nextEvent, requireRedis, uniquePrefix, waitFor } from '@tenantcast/test-support';
import { RealtimeGateway, RealtimeService, type JwtClaims, type RealtimeSocket } from '../../src';
import { TokenAuthenticator } from '../../src/auth/token-authenticator';
import { resolveRealtimeOptions } from '../../src/options/resolve-realtime-options';
import { startRealtimeApp, type TestApp } from '../support/apps';
import { connectClient, expectConnectError, request } from '../support/clients';
import { signToken, TEST_SECRET, tokenFor } from '../support/tokens';
import { craftToken, part } from './jwt-craft';
import { startLoggedApp, tokenPieces, type LoggedApp } from './support';

const now = () => Math.floor(Date.now() / 1000);
const rsa = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });

/** Counts the sockets an application gateway is handed. */
@RealtimeGateway()
class CountingGateway implements OnGatewayConnection {
  static seen = 0;
  handleConnection(@ConnectedSocket() _socket: RealtimeSocket): void {
    CountingGateway.seen += 1;
  }
}

describe('auth / session (S)', () => {
  let server: LoggedApp;
  let realtime: RealtimeService;

  beforeAll(async () => {
    server = await startLoggedApp({}, { providers: [CountingGateway] });
    realtime = server.app.get(RealtimeService);
  });
  afterAll(() => server.close());

  async function refusedCode(token: string | undefined, url = server.url): Promise<string | undefined> {
    const seen = CountingGateway.seen;
    const error = await expectConnectError(url, '/rca', token);
    if (url === server.url) expect(CountingGateway.seen, 'the app gateway saw a refused socket').toBe(seen);
    return error.data?.code;
  }

  it('S1 auth.rejects-alg-none: none, None and NONE with an empty signature are UNAUTHORIZED, never seen by a gateway nor in presence', async () => {
    for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
      const token = `${part({ alg, typ: 'JWT' })}.${part({ sub: `none-${alg}`, tenantId: 'acme', exp: now() + 300 })}.`;
      expect(await refusedCode(token), alg).toBe('UNAUTHORIZED');
      expect(await realtime.presence.isOnline('acme', `none-${alg}`)).toBe(false);
    }
  });

  it('S2 auth.rejects-algorithm-confusion: HS256 signed with the RSA public key PEM (with and without leading whitespace) is UNAUTHORIZED', async () => {
    const rs = await startRealtimeApp({ auth: { publicKey: rsa.publicKey, algorithms: ['RS256'] } });
    try {
      const claims = { sub: 'u1', tenantId: 'acme', exp: now() + 300 };
      const genuine = craftToken({ alg: 'RS256', typ: 'JWT' }, claims, { privateKey: rsa.privateKey });
      const { socket } = await connectClient(rs.url, '/rca', genuine);
      socket.close();
      for (const secret of [rsa.publicKey, `\n${rsa.publicKey}`, ` ${rsa.publicKey}`, rsa.publicKey.trim()]) {
        for (const alg of ['HS256', 'HS384', 'HS512']) {
          expect(await refusedCode(craftToken({ alg, typ: 'JWT' }, claims, { hmac: secret }), rs.url)).toBe('UNAUTHORIZED');
        }
      }
    } finally {
      await rs.close();
    }
  });

  it('S3 auth.claims-are-enforced: no exp, nbf ahead, too old, wrong iss/aud and foreign kid/jku are UNAUTHORIZED; expired is TOKEN_EXPIRED', async () => {
    const strict = await startRealtimeApp({ auth: { secret: TEST_SECRET, issuer: 'https://id.example', audience: 'rca', maxTokenAgeSeconds: 600, clockToleranceSeconds: 5 } });
    try {
      const base = { sub: 'u1', tenantId: 'acme', iss: 'https://id.example', aud: 'rca' };
      const accepted = signToken(base);
      const { socket } = await connectClient(strict.url, '/rca', accepted);
      socket.close();
      const attacker = 'attacker-secret-that-is-long-enough-0123456789';
      const cases: Array<[string, string, string]> = [
        ['(a) no exp', signToken(base, { expiresInSeconds: null }), 'UNAUTHORIZED'],
        ['(b) exp beyond clockTolerance', signToken({ ...base, exp: now() - 60 }), 'TOKEN_EXPIRED'],
        ['(c) nbf = now + 60 s', signToken({ ...base, nbf: now() + 60 }), 'UNAUTHORIZED'],
        ['(d) iat older than maxTokenAge', signToken({ ...base, iat: now() - 3_600 }), 'UNAUTHORIZED'],
        ['(e) wrong iss', signToken({ ...base, iss: 'https://evil.example' }), 'UNAUTHORIZED'],
        ['(e) wrong aud', signToken({ ...base, aud: 'other' }), 'UNAUTHORIZED'],
        ['(f) kid pointing elsewhere', signToken(base, { secret: attacker, header: { alg: 'HS256', typ: 'JWT', kid: 'attacker-key' } }), 'UNAUTHORIZED'],
        ['(f) jku pointing elsewhere', signToken(base, { secret: attacker, header: { alg: 'HS256', typ: 'JWT', jku: 'https://evil.example/jwks.json' } }), 'UNAUTHORIZED'],
      ];
      for (const [label, token, code] of cases) expect(await refusedCode(token, strict.url), label).toBe(code);
    } finally {
      await strict.close();
    }
  });

  it('S4 auth.tenant-claim-type-confusion: hostile tenantId claims are UNAUTHORIZED and build no room or presence entry', async () => {
    const hostile: unknown[] = [['acme'], { id: 'acme' }, 42, '', '*', 'a:b', 'x'.repeat(10_240), JSON.parse('{"__proto__":{"admin":true}}'), null, true, 'acme\n'];
    for (const tenantId of hostile) {
      expect(await refusedCode(signToken({ sub: 'typed', tenantId })), JSON.stringify(tenantId).slice(0, 30)).toBe('UNAUTHORIZED');
    }
    const rooms = [...realtime.namespace.adapter.rooms.keys()];
    expect(rooms.filter((room) => room.includes('typed'))).toEqual([]);
  });

  it('S5 auth.token-transport-and-redaction: query tokens are refused; header and auth tokens work; no log line holds a token or 16 characters of one', async () => {
    // Apps created with `logger: false` by earlier tests replaced the global logger.
    Logger.overrideLogger(server.logger);
    const viaQuery = tokenFor('s5-query', 'acme');
    const queryError = await expectConnectError(server.url, '/rca', undefined, { query: { token: viaQuery } });
    expect(queryError.data?.code).toBe('UNAUTHORIZED');
    const viaHeader = tokenFor('s5-header', 'acme');
    const header = await connectClient(server.url, '/rca', undefined, { extraHeaders: { Authorization: `Bearer ${viaHeader}` } });
    const viaAuth = tokenFor('s5-auth', 'acme');
    const auth = await connectClient(server.url, '/rca', viaAuth);
    const refreshed = tokenFor('s5-auth', 'acme');
    expect(await request<RefreshTokenAck>(auth.socket, 'refresh-token', { token: refreshed })).toMatchObject({ ok: true });
    const refusedRefresh = tokenFor('someone-else', 'acme');
    expect(await request<RefreshTokenAck>(auth.socket, 'refresh-token', { token: refusedRefresh })).toMatchObject({ ok: false });
    const polling = await connectClient(server.url, '/rca', tokenFor('s5-polling', 'acme'), { transports: ['polling'] });
    header.socket.close();
    auth.socket.close();
    polling.socket.close();
    await waitFor(() => server.logger.lines.filter((line) => line.includes('Disconnected')).length >= 3, 'the disconnect lines');
    expect(server.logger.lines.some((line) => line.includes('Refused handshake'))).toBe(true);
    for (const token of [viaQuery, viaHeader, viaAuth, refreshed, refusedRefresh]) {
      for (const piece of tokenPieces(token)) expect(server.logger.lines.filter((line) => line.includes(piece))).toEqual([]);
    }
  });

  it('S6 auth.expiry-mid-connection: warned before exp, closed at exp with nothing delivered after, one refresh on reconnect', async () => {
    const warningMs = 1_000;
    const lapsing = await startRealtimeApp({ auth: { secret: TEST_SECRET, expiryWarningMs: warningMs, clockToleranceSeconds: 0 } });
    try {
      let authCalls = 0;
      const tokens = [tokenFor('s6', 'acme', {}, 2)];
      const socket = io(`${lapsing.url}/rca`, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: (callback) => {
          authCalls += 1;
          callback({ token: tokens.at(-1) });
        },
      });
      const connected = await nextEvent<{ tokenExpiresAt: number }>(socket, 'connected');
      await request(socket, 'join', { kind: 'rca', id: 's6' });
      const warning = await nextEvent<TokenExpiringPayload>(socket, 'token-expiring', 3_000);
      expect(warning.expiresAt).toBe(connected.tokenExpiresAt);
      expect(Date.now()).toBeGreaterThanOrEqual(connected.tokenExpiresAt - warningMs - 50);
      const received: number[] = [];
      socket.on('rca-updated', () => received.push(Date.now()));
      const lapsingRealtime = lapsing.app.get(RealtimeService);
      const pump = setInterval(() => lapsingRealtime.emitToRoom('acme', 'rca', 's6', 'rca-updated', { at: Date.now() }), 20);
      const ended = await nextEvent<ErrorPayload>(socket, 'session-ended', 3_000);
      expect(ended.code).toBe('TOKEN_EXPIRED');
      await new Promise((resolve) => socket.connected ? socket.once('disconnect', resolve) : resolve(undefined));
      const closedAt = Date.now();
      await new Promise((resolve) => setTimeout(resolve, 200));
      clearInterval(pump);
      expect(closedAt).toBeGreaterThanOrEqual(connected.tokenExpiresAt);
      expect(received.filter((at) => at > closedAt)).toEqual([]);
      // The client refreshes once (its auth callback is asked again) and reconnects.
      tokens.push(tokenFor('s6', 'acme', {}, 60));
      socket.connect();
      const again = await nextEvent<{ tokenExpiresAt: number }>(socket, 'connected');
      expect(again.tokenExpiresAt).toBeGreaterThan(connected.tokenExpiresAt);
      // Asked once for the first connection and once, not in a loop, for the reconnection.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(authCalls).toBe(2);
      socket.close();
    } finally {
      await lapsing.close();
    }
  });

  it('S7 auth.revocation-across-nodes (single process): isRevoked refuses at the handshake and on refresh, disconnectUser ends open sessions', async () => {
    const denylist = new Set<string>();
    const revoking = await startRealtimeApp({ auth: { secret: TEST_SECRET, isRevoked: (claims: JwtClaims) => denylist.has(`${String(claims.jti)}|${String(claims.iss)}`) } });
    try {
      const token = tokenFor('s7', 'acme', { jti: 'j1', iss: 'id' });
      const tabs = await Promise.all([connectClient(revoking.url, '/rca', token), connectClient(revoking.url, '/rca', tokenFor('s7', 'acme', { jti: 'j2', iss: 'id' }))]);
      denylist.add('j1|id');
      const ended = tabs.map(({ socket }) => nextEvent<ErrorPayload>(socket, 'session-ended'));
      revoking.app.get(RealtimeService).disconnectUser('acme', 's7', 'Your session was revoked.');
      expect((await Promise.all(ended)).map((payload) => payload.code)).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED']);
      expect((await expectConnectError(revoking.url, '/rca', token)).data?.code).toBe('UNAUTHORIZED');
      const { socket } = await connectClient(revoking.url, '/rca', tokenFor('s7', 'acme', { jti: 'j3', iss: 'id' }));
      expect(await request(socket, 'refresh-token', { token })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
      socket.close();
    } finally {
      await revoking.close();
    }
  });

  it('S7 auth.revocation-across-nodes (single process): an isRevoked hook that throws refuses the token', async () => {
    const failing = await startRealtimeApp({ auth: { secret: TEST_SECRET, isRevoked: () => Promise.reject(new Error('denylist down')) } });
    try {
      expect((await expectConnectError(failing.url, '/rca', tokenFor('s7b', 'acme'))).data?.code).toBe('UNAUTHORIZED');
    } finally {
      await failing.close();
    }
  });

  it('S9 origin.cswsh-rejected: evil and look-alike origins get 403 before a session exists, over polling and WebSocket; allowed ones connect', async () => {
    const allowed = 'https://app.example.com';
    const guarded = await startRealtimeApp({ origins: { allow: [allowed, 'https://*.tenants.example.com'] } });
    const strict = await startRealtimeApp({ origins: { allow: [allowed], allowMissing: false } });
    try {
      const engine = guarded.app.get(RealtimeService).namespace.server.engine;
      const handshake = (url: string, origin?: string) => fetch(`${url}/socket.io/?EIO=4&transport=polling`, { headers: origin === undefined ? {} : { Origin: origin } });
      const upgrade = (url: string, origin?: string, query = '') =>
        new Promise<number | 'open'>((resolve) => {
          const ws = new WebSocket(`${url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket${query}`, origin === undefined ? {} : { origin });
          ws.once('open', () => {
            ws.close();
            resolve('open');
          });
          ws.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
          ws.once('error', () => resolve(0));
        });
      const before = engine.clientsCount;
      for (const origin of ['https://evil.example', 'https://app.example.com.evil.example', 'null', 'http://app.example.com']) {
        const response = await handshake(guarded.url, origin);
        expect(response.status, origin).toBe(403);
        expect(await response.json()).toEqual({ code: 4, message: 'Origin not allowed' });
        expect(await upgrade(guarded.url, origin), origin).not.toBe('open');
      }
      expect(engine.clientsCount).toBe(before);
      expect((await handshake(guarded.url, allowed)).status).toBe(200);
      expect((await handshake(guarded.url, 'https://acme.tenants.example.com')).status).toBe(200);
      expect(await upgrade(guarded.url, allowed)).toBe('open');
      // Missing Origin: accepted by default (non-browser clients, same-origin polling), refused when configured.
      expect((await handshake(guarded.url)).status).toBe(200);
      expect((await handshake(strict.url)).status).toBe(403);
      expect(await upgrade(strict.url)).not.toBe('open');
      // A session's own requests from a foreign page: the upgrade of a polling session is refused.
      const open = JSON.parse((await (await handshake(guarded.url, allowed)).text()).slice(1)) as { sid: string };
      expect(await upgrade(guarded.url, 'https://evil.example', `&sid=${open.sid}`)).not.toBe('open');
      const { socket } = await connectClient(guarded.url, '/rca', tokenFor('s9', 'acme'), { extraHeaders: { Origin: allowed }, transports: ['polling', 'websocket'] });
      expect(socket.connected).toBe(true);
      socket.close();
    } finally {
      await guarded.close();
      await strict.close();
    }
  });

  it('S10 secrets-not-on-redis: no token appears in any Redis command during connect, join, broadcast, refresh and fetchSockets', async () => {
    await requireRedis();
    const prefix = uniquePrefix('s10');
    const redisApp = await startRealtimeApp({ presence: { store: 'redis', url: REDIS_URL, keyPrefix: `${prefix}:p` }, limits: { store: { redis: REDIS_URL, keyPrefix: `${prefix}:l` } } });
    const monitor = new Redis(REDIS_URL);
    const commands: string[] = [];
    try {
      const feed = await monitor.monitor();
      feed.on('monitor', (_time: string, args: string[]) => commands.push(args.join(' ')));
      const token = tokenFor('s10', 'acme');
      const refreshed = tokenFor('s10', 'acme');
      const { socket } = await connectClient(redisApp.url, '/rca', token, { extraHeaders: { Authorization: `Bearer ${token}` } });
      await request(socket, 'join', { kind: 'rca', id: 's10' });
      await request(socket, 'refresh-token', { token: refreshed });
      const service = redisApp.app.get(RealtimeService);
      service.emitToRoom('acme', 'rca', 's10', 'rca-updated', { status: 'open' });
      await service.namespace.in('tenant:acme:rca:s10').fetchSockets();
      await waitFor(() => commands.some((command) => command.includes(prefix)), 'Redis commands of this test');
      socket.close();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(commands.some((command) => command.includes(`${prefix}:l`))).toBe(true);
      for (const secret of [token, refreshed]) {
        for (const piece of tokenPieces(secret)) expect(commands.filter((command) => command.includes(piece))).toEqual([]);
      }
    } finally {
      monitor.disconnect();
      await redisApp.close();
      await deleteKeys(prefix);
    }
  });

  it('S10 the handshake loses the headers auth.redactHeaders names (default cookie), case-insensitively; socket.request keeps them for this process', async () => {
    const headers = { Cookie: 'session=s3cr3t', 'X-Api-Key': 'k3y', 'User-Agent': 'S10-agent' };
    const handshakeOf = async (app: TestApp, userId: string) => {
      const { socket } = await connectClient(app.url, '/rca', tokenFor(userId, 'acme'), { extraHeaders: headers });
      const [held] = await app.app.get(RealtimeService).namespace.in(`tenant:acme:user:${userId}`).fetchSockets();
      const local = app.app.get(RealtimeService).namespace.sockets.get(held!.id)!;
      socket.close();
      return { handshake: held!.handshake.headers, request: local.request.headers };
    };
    const byDefault = await startRealtimeApp();
    const apiKeys = await startRealtimeApp({ auth: { secret: TEST_SECRET, redactHeaders: ['Cookie', 'x-api-key'] } });
    const keepAll = await startRealtimeApp({ auth: { secret: TEST_SECRET, redactHeaders: [] } });
    try {
      const plain = await handshakeOf(byDefault, 'h1');
      expect(plain.handshake).toMatchObject({ 'x-api-key': 'k3y', 'user-agent': 'S10-agent' });
      expect(plain.handshake.cookie).toBeUndefined();
      expect(plain.request).toMatchObject({ cookie: 'session=s3cr3t', 'x-api-key': 'k3y' });
      const redacted = await handshakeOf(apiKeys, 'h2');
      expect(redacted.handshake).toMatchObject({ 'user-agent': 'S10-agent' });
      expect([redacted.handshake.cookie, redacted.handshake['x-api-key']]).toEqual([undefined, undefined]);
      expect(redacted.request).toMatchObject({ cookie: 'session=s3cr3t', 'x-api-key': 'k3y' });
      expect((await handshakeOf(keepAll, 'h3')).handshake).toMatchObject({ cookie: 'session=s3cr3t', 'x-api-key': 'k3y' });
    } finally {
      await Promise.all([byDefault.close(), apiKeys.close(), keepAll.close()]);
    }
  });
});

describe('S handshake decision equals a reference oracle (fast-check)', () => {
  const ISSUER = 'https://id.example';
  const AUDIENCE = 'rca';
  const MAX_AGE = 3_600;
  const TOLERANCE = 5;
  const hmac = new TokenAuthenticator(resolveRealtimeOptions({ auth: { secret: TEST_SECRET, issuer: ISSUER, audience: AUDIENCE, maxTokenAgeSeconds: MAX_AGE, clockToleranceSeconds: TOLERANCE } }).auth);
  const rs = new TokenAuthenticator(resolveRealtimeOptions({ auth: { publicKey: rsa.publicKey, algorithms: ['RS256'], issuer: ISSUER, audience: AUDIENCE, maxTokenAgeSeconds: MAX_AGE, clockToleranceSeconds: TOLERANCE } }).auth);
  const publicKey = createPublicKey(rsa.publicKey);
  const t = now();

  /** Mostly the valid value, so that accepted and expired tokens are generated as well as refused ones. */
  const mostly = <T>(valid: T, ...others: unknown[]) =>
    fc.oneof({ arbitrary: fc.constant(valid), weight: 3 * others.length }, ...others.map((other) => ({ arbitrary: fc.constant(other), weight: 1 })));
  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 8 });
  const claimsArb = fc.record(
    {
      sub: mostly('u1', '', 'a:b', 42, undefined),
      tenantId: mostly('acme', ['acme'], { id: 'acme' }, '*', 7, 'x'.repeat(200), undefined),
      exp: mostly(t + 300, t - 100, 'soon', undefined),
      nbf: mostly(undefined, t - 10, t + 60, 'later'),
      iat: mostly(t, t - 2 * MAX_AGE, 'now', undefined),
      iss: mostly(ISSUER, 'https://evil.example', 1, undefined),
      aud: mostly(AUDIENCE, 'other', [AUDIENCE, 'x'], [], undefined),
      admin: maybe(fc.boolean()),
    },
    { requiredKeys: [] },
  );
  const headerArb = fc.record({
    alg: mostly('HS256', 'none', 'None', 'HS384', 'RS256', 'ES256', 'garbage'),
    typ: fc.constantFrom('JWT', 'jwt', undefined),
    kid: maybe(fc.constant('elsewhere')),
    jku: maybe(fc.constant('https://evil.example/jwks.json')),
  });
  const keyArb = mostly('secret', 'rsa-private', 'rsa-public-as-hmac', 'other-secret');
  const mutationArb = fc.option(fc.record({ position: fc.nat(), replacement: fc.constantFrom(...'AQgw-_09az'.split('')) }), { nil: undefined, freq: 3 });

  function sign(header: Record<string, unknown>, claims: unknown, key: string): string {
    const keys = { secret: { hmac: TEST_SECRET }, 'rsa-private': { privateKey: rsa.privateKey }, 'rsa-public-as-hmac': { hmac: rsa.publicKey }, 'other-secret': { hmac: 'another-secret-that-is-long-enough-0123456789' } } as const;
    return craftToken(header, claims, keys[key as keyof typeof keys]);
  }

  function signatureValid(token: string, mode: 'hmac' | 'rs'): boolean {
    const [head = '', body = '', signature = ''] = token.split('.');
    const header = JSON.parse(Buffer.from(head, 'base64url').toString()) as { alg?: unknown };
    if (mode === 'hmac') {
      if (header.alg !== 'HS256') return false;
      return signature === createHmac('sha256', TEST_SECRET).update(`${head}.${body}`).digest('base64url');
    }
    if (header.alg !== 'RS256') return false;
    return createVerify('RSA-SHA256').update(`${head}.${body}`).verify(publicKey, Buffer.from(signature, 'base64'));
  }

  /** What the rules say, written independently of the verifier: in jsonwebtoken's order of checks, then ours. */
  function oracle(token: string, mode: 'hmac' | 'rs'): string {
    let claims: Record<string, unknown>;
    try {
      if (!/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token) || !signatureValid(token, mode)) return 'UNAUTHORIZED';
      claims = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    } catch {
      return 'UNAUTHORIZED';
    }
    const clock = now();
    if (claims.nbf !== undefined && (typeof claims.nbf !== 'number' || claims.nbf > clock + TOLERANCE)) return 'UNAUTHORIZED';
    if (claims.exp !== undefined && typeof claims.exp !== 'number') return 'UNAUTHORIZED';
    if (typeof claims.exp === 'number' && clock >= claims.exp + TOLERANCE) return 'TOKEN_EXPIRED';
    const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!audiences.includes(AUDIENCE) || claims.iss !== ISSUER) return 'UNAUTHORIZED';
    if (typeof claims.iat !== 'number' || clock >= claims.iat + MAX_AGE + TOLERANCE) return 'UNAUTHORIZED';
    if (typeof claims.exp !== 'number') return 'UNAUTHORIZED';
    const component = (value: unknown) => typeof value === 'string' && value.length > 0 && value.length <= 128 && !/[:*?[\]\\{}]/.test(value);
    if (!component(claims.sub) || !component(claims.tenantId)) return 'UNAUTHORIZED';
    return 'ok';
  }

  async function decision(authenticator: TokenAuthenticator, token: string): Promise<string> {
    try {
      await authenticator.authenticate(token);
      return 'ok';
    } catch (error) {
      return (error as { data?: { code?: string } }).data?.code ?? `not a HandshakeError: ${String(error)}`;
    }
  }

  it('S1–S4: for mutated tokens (alg variants, HS/RS confusion, missing, extra and wrongly typed claims, flipped characters) the decision is the oracle’s', async () => {
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(headerArb, claimsArb, keyArb, mutationArb, async (header, claims, key, mutation) => {
        const claimSet = Object.fromEntries(Object.entries(claims).filter(([, value]) => value !== undefined));
        let token = sign(Object.fromEntries(Object.entries(header).filter(([, value]) => value !== undefined)), claimSet, String(key));
        if (mutation) {
          const position = mutation.position % token.length;
          if (token[position] !== '.') token = `${token.slice(0, position)}${mutation.replacement}${token.slice(position + 1)}`;
        }
        const expected = oracle(token, 'hmac');
        outcomes.add(expected);
        expect(await decision(hmac, token)).toBe(expected);
        expect(await decision(rs, token)).toBe(oracle(token, 'rs'));
      }),
      { numRuns: 600 },
    );
    // The run was not vacuous: every kind of decision came up.
    expect([...outcomes].sort()).toEqual(['TOKEN_EXPIRED', 'UNAUTHORIZED', 'ok']);
  });
});
