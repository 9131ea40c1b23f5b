import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { closeAll, connect, joinRca } from './support/clients';
import { api, devToken } from './support/http';
import { DEMO_ENV } from './support/tokens';
import { freePort, waitFor } from '@tenantcast/test-support';

const FRONT_END = 'http://dashboard.example:5173';

describe('Socket.IO gateway configured in NestJS', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp({ ...DEMO_ENV, CORS_ORIGIN: `${FRONT_END},http://localhost:5173` });
  });
  afterEach(closeAll);
  afterAll(() => server.close());

  it('serves Socket.IO v4 on the /rca namespace of the app’s HTTP server, with the story’s defaults', async () => {
    const handshake = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
    const open = JSON.parse((await handshake.text()).slice(1)) as { sid: string; upgrades: string[]; pingInterval: number; pingTimeout: number };
    expect(open).toMatchObject({ sid: expect.any(String), upgrades: ['websocket'], pingInterval: 25_000, pingTimeout: 20_000 });

    const { connected } = await connect(`${server.url}/rca`, await devToken(server.url, { userId: 'alice', tenantId: 'acme' }));
    expect(connected.server).toEqual({ namespace: '/rca', pingInterval: 25_000, pingTimeout: 20_000, maxPayloadBytes: 65_536, roomKinds: ['rca'], protocolVersion: 1 });
  });

  it('the app’s gateway (join-rca) serves the same namespace, and other namespaces are not served', async () => {
    const token = await devToken(server.url, { userId: 'alice', tenantId: 'acme' });
    const { socket } = await connect(`${server.url}/rca`, token);
    expect(await joinRca(socket, '42')).toMatchObject({ ok: true, room: 'tenant:acme:rca:42' });
    await expect(connect(`${server.url}/other`, token)).rejects.toThrow(/Invalid namespace/);
  });

  it('allows CORS_ORIGIN (each of a comma-separated list) on Socket.IO and the HTTP API, and no other origin', async () => {
    const preflight = (path: string, origin: string) =>
      fetch(`${server.url}${path}`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' } });
    for (const path of ['/socket.io/?EIO=4&transport=polling', '/rcas/42/updates']) {
      for (const origin of [FRONT_END, 'http://localhost:5173']) {
        const allowed = await preflight(path, origin);
        expect(allowed.headers.get('access-control-allow-origin'), `${path} from ${origin}`).toBe(origin);
        expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
      }
      const foreign = await preflight(path, 'http://evil.example');
      expect(foreign.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });

  it('takes the namespace, ping settings and a port of its own from WEBSOCKET_NAMESPACE, WEBSOCKET_PING_* and WEBSOCKET_PORT', async () => {
    const websocketPort = await freePort();
    const configured = await startApp({
      ...DEMO_ENV,
      WEBSOCKET_NAMESPACE: '/investigations',
      WEBSOCKET_PING_INTERVAL: '15000',
      WEBSOCKET_PING_TIMEOUT: '10000',
      WEBSOCKET_PORT: String(websocketPort),
    });
    try {
      const token = await devToken(configured.url, { userId: 'alice', tenantId: 'acme' });
      const { socket, connected } = await connect(`http://127.0.0.1:${websocketPort}/investigations`, token);
      expect(connected.server).toMatchObject({ namespace: '/investigations', pingInterval: 15_000, pingTimeout: 10_000 });
      expect(await joinRca(socket, '42')).toMatchObject({ ok: true });
      // The HTTP port no longer serves Socket.IO.
      expect((await fetch(`${configured.url}/socket.io/?EIO=4&transport=polling`)).status).toBe(404);
    } finally {
      closeAll();
      await configured.close();
    }
  });

  it('reports its health on GET /realtime/health without a token', async () => {
    await connect(`${server.url}/rca`, await devToken(server.url, { userId: 'alice', tenantId: 'acme' }));
    const health = () => api<{ connections: number }>(server.url, 'GET', '/realtime/health');
    // Sockets of earlier tests close asynchronously on the server.
    await waitFor(async () => (await health()).body.connections === 1, 'one connection in the health report');
    expect(await health()).toMatchObject({ status: 200, body: { status: 'ok', connections: 1, presence: { store: 'memory', ok: true } } });
  });
});
