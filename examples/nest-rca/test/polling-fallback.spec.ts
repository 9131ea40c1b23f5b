import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { closeAll, collect, connect, joinRca, settle, type RcaSocket } from './support/clients';
import { api, devToken } from './support/http';
import { startNoWebSocketProxy, type NoWebSocketProxy } from './support/no-websocket-proxy';
import { DEMO_ENV } from './support/tokens';

describe('graceful degradation to long-polling', () => {
  let server: RunningApp;
  let proxy: NoWebSocketProxy;
  let token: string;

  beforeAll(async () => {
    server = await startApp(DEMO_ENV);
    proxy = await startNoWebSocketProxy(server.url);
    token = await devToken(server.url, { userId: 'poller', tenantId: 'acme' });
  });
  afterEach(closeAll);
  afterAll(async () => {
    await proxy.close();
    await server.close();
  });

  /** Joins RCA 5, has the server post an update to it, and returns what the socket received. */
  const updateRoundTrip = async (socket: RcaSocket) => {
    expect(await joinRca(socket, '5')).toMatchObject({ ok: true });
    const received = collect(socket, 'rca-updated');
    expect((await api(server.url, 'POST', '/rcas/5/updates', { token, body: { over: socket.io.engine.transport.name } })).status).toBe(202);
    await settle(socket);
    return received.map((envelope) => envelope.data.update);
  };

  it('when WebSocket is blocked, a client trying WebSocket first falls back to long-polling and keeps working', async () => {
    const { socket } = await connect(`${proxy.url}/rca`, token, { transports: ['websocket', 'polling'], tryAllTransports: true });
    expect(socket.io.engine.transport.name).toBe('polling');
    expect(await updateRoundTrip(socket)).toEqual([{ over: 'polling' }]);
  });

  it('a client that starts on polling attempts the upgrade, stays on polling when it fails, and keeps working', async () => {
    let upgradeFailed: Promise<unknown> | undefined;
    const { socket } = await connect(`${proxy.url}/rca`, token, { transports: ['polling', 'websocket'] }, (created) => {
      // The probe starts as soon as the engine opens.
      created.io.once('open', () => (upgradeFailed = new Promise((resolve) => created.io.engine.once('upgradeError', resolve))));
    });
    await expect(upgradeFailed).resolves.toBeInstanceOf(Error);
    expect(socket.io.engine.transport.name).toBe('polling');
    expect(await updateRoundTrip(socket)).toEqual([{ over: 'polling' }]);
  });

  it('without the proxy the same client upgrades from polling to WebSocket', async () => {
    const { socket } = await connect(`${server.url}/rca`, token, { transports: ['polling', 'websocket'] });
    if (socket.io.engine.transport.name !== 'websocket') await new Promise((resolve) => socket.io.engine.once('upgrade', resolve));
    expect(await updateRoundTrip(socket)).toEqual([{ over: 'websocket' }]);
  });

  it('a polling-only client is served end to end, handshake refusals included', async () => {
    const { socket } = await connect(`${server.url}/rca`, token, { transports: ['polling'] });
    expect(await updateRoundTrip(socket)).toEqual([{ over: 'polling' }]);
    await expect(connect(`${server.url}/rca`, 'forged', { transports: ['polling'] })).rejects.toMatchObject({ message: 'Unauthorized', data: { code: 'UNAUTHORIZED' } });
  });
});
