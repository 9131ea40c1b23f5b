import { freePort } from '@tenantcast/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRealtimeApp, type TestApp } from './support/apps';
import { connectClient } from './support/clients';
import { RawEngineClient } from './support/raw-engine-client';
import { tokenFor } from './support/tokens';

describe('Socket.IO gateway configured in NestJS', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startRealtimeApp({ cors: { origin: 'http://app.example', credentials: true } });
  });
  afterAll(() => server.close());

  it('serves Socket.IO v4 on the configured /rca namespace of the app’s HTTP server', async () => {
    const { socket, connected } = await connectClient(server.url, '/rca', tokenFor('u1', 'acme'));
    expect(connected.server).toMatchObject({ namespace: '/rca', pingInterval: 25_000, pingTimeout: 20_000, protocolVersion: 1, roomKinds: ['rca', 'plant'] });
    socket.close();
  });

  it('does not serve the module’s handlers on other namespaces', async () => {
    await expect(connectClient(server.url, '/other', tokenFor('u1', 'acme'))).rejects.toThrow(/Invalid namespace/);
  });

  it('answers CORS preflight for the configured front-end origin only', async () => {
    const allowed = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { method: 'OPTIONS', headers: { Origin: 'http://app.example', 'Access-Control-Request-Method': 'GET' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('http://app.example');
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const foreign = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`, { method: 'OPTIONS', headers: { Origin: 'http://evil.example', 'Access-Control-Request-Method': 'GET' } });
    expect(foreign.headers.get('access-control-allow-origin')).not.toBe('http://evil.example');
  });

  it('serves GET /realtime/health with connections, presence and adapter status', async () => {
    const { socket } = await connectClient(server.url, '/rca', tokenFor('u1', 'acme'));
    const response = await fetch(`${server.url}/realtime/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: 'ok', degraded: [], connections: 1, engineConnections: 1, presence: { store: 'memory', ok: true }, adapter: { type: 'memory', ok: true } });
    socket.close();
  });

  it('counts Engine.IO sessions that never complete the namespace handshake as engineConnections, not connections, until connectTimeout closes them', async () => {
    const connectTimeout = 600;
    const guarded = await startRealtimeApp({ connectTimeout });
    const health = async () => (await (await fetch(`${guarded.url}/realtime/health`)).json()) as { connections: number; engineConnections: number };
    try {
      const halfOpen = [new RawEngineClient(guarded.url), new RawEngineClient(guarded.url)];
      await Promise.all(halfOpen.map((client) => client.opened));
      const openedAt = Date.now();
      expect(await health()).toMatchObject({ connections: 0, engineConnections: 2 });
      const { socket } = await connectClient(guarded.url, '/rca', tokenFor('u1', 'acme'));
      expect(await health()).toMatchObject({ connections: 1, engineConnections: 3 });

      await Promise.all(halfOpen.map((client) => client.closed));
      expect(Date.now() - openedAt).toBeLessThan(2 * connectTimeout);
      expect(await health()).toMatchObject({ connections: 1, engineConnections: 1 });
      socket.close();
    } finally {
      await guarded.close();
    }
  });

  it('serves Socket.IO on its own port when options.port is set (the story’s WEBSOCKET_PORT)', async () => {
    const port = await freePort();
    const ownPort = await startRealtimeApp({ port, health: { path: '/ws-health' } });
    try {
      const { socket, connected } = await connectClient(`http://127.0.0.1:${port}`, '/rca', tokenFor('u1', 'acme'));
      expect(connected.user.userId).toBe('u1');
      socket.close();
      const health = await fetch(`${ownPort.url}/ws-health`);
      expect(health.status).toBe(200);
      await expect(connectClient(ownPort.url, '/rca', tokenFor('u1', 'acme'), { timeout: 2_000 })).rejects.toThrow();
    } finally {
      await ownPort.close();
    }
  });

  it('turns the health endpoint off with health: false', async () => {
    const quiet = await startRealtimeApp({ health: false });
    try {
      expect((await fetch(`${quiet.url}/realtime/health`)).status).toBe(404);
    } finally {
      await quiet.close();
    }
  });
});
