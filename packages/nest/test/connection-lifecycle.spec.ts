import { afterEach, describe, expect, it } from 'vitest';
import { io } from 'socket.io-client';
import type { ConnectedPayload } from '@tenantcast/protocol';
import { RealtimeService } from '../src';
import { startRealtimeApp, type TestApp } from './support/apps';
import { connectClient } from './support/clients';
import { tokenFor } from './support/tokens';
import { nextEvent, waitFor } from '@tenantcast/test-support';

describe('connection management', () => {
  let server: TestApp | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('lets socket.io-client reconnect (exponential backoff, scaled down) after the server restarts on the same port', async () => {
    server = await startRealtimeApp();
    const port = Number(new URL(server.url).port);
    const socket = io(`${server.url}/rca`, {
      auth: (callback) => callback({ token: tokenFor('returning', 'acme') }),
      transports: ['websocket'],
      reconnectionAttempts: 10,
      reconnectionDelay: 100,
      reconnectionDelayMax: 800,
      randomizationFactor: 0,
    });
    await nextEvent<ConnectedPayload>(socket, 'connected');
    await server.close();
    server = undefined;
    await waitFor(() => !socket.connected, 'the client to notice the server is gone', 2_000);
    server = await startRealtimeApp({}, {}, port);
    const connected = await nextEvent<ConnectedPayload>(socket, 'connected', 5_000);
    expect(connected.user.userId).toBe('returning');
    expect(await server.app.get(RealtimeService).presence.isOnline('acme', 'returning')).toBe(true);
    socket.close();
  });

  it('cleans presence up when a client disconnects', async () => {
    server = await startRealtimeApp();
    const realtime = server.app.get(RealtimeService);
    const { socket } = await connectClient(server.url, '/rca', tokenFor('leaver', 'acme'));
    expect(await realtime.presence.isOnline('acme', 'leaver')).toBe(true);
    socket.close();
    await waitFor(async () => !(await realtime.presence.isOnline('acme', 'leaver')), 'presence cleanup', 2_000);
    expect(await realtime.presence.count('acme')).toBe(0);
  });
});
