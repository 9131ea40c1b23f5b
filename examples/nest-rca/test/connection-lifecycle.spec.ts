import type { ConnectedPayload } from '@tenantcast/protocol';
import { afterEach, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { TEST_BACKOFF } from './support/backoff';
import { closeAll, connect, joinRca } from './support/clients';
import { api } from './support/http';
import { DEMO_ENV, tokenFor } from './support/tokens';
import { nextEvent, waitFor } from '@tenantcast/test-support';

describe('connection management with reconnection', () => {
  let server: RunningApp | undefined;
  afterEach(async () => {
    closeAll();
    await server?.close();
    server = undefined;
  });

  const onlineUsers = async (app: RunningApp, tenantId: string): Promise<string[]> => {
    const response = await api<{ users: Array<{ userId: string }> }>(app.url, 'GET', '/presence', { token: tokenFor('observer', tenantId) });
    return response.body.users.map((user) => user.userId).filter((userId) => userId !== 'observer');
  };

  it('a client with exponential backoff (at most 10 attempts) reconnects after the server restarts, and is tracked online again', async () => {
    // JWT_SECRET fixed: a token must outlive a server restart, as with a real auth service.
    server = await startApp(DEMO_ENV);
    const { port } = server;
    const { socket } = await connect(`${server.url}/rca`, tokenFor('returning', 'acme'), TEST_BACKOFF);
    const attempts: number[] = [];
    socket.io.on('reconnect_attempt', (attempt) => attempts.push(attempt));
    expect(await onlineUsers(server, 'acme')).toEqual(['returning']);

    await server.close();
    server = undefined;
    await waitFor(() => !socket.connected, 'the client to notice the server is gone');
    server = await startApp(DEMO_ENV, { port });
    const connected = await nextEvent<ConnectedPayload>(socket, 'connected', 10_000);

    expect(connected.user.userId).toBe('returning');
    expect(attempts.length).toBeGreaterThanOrEqual(1);
    expect(attempts.length).toBeLessThanOrEqual(10);
    expect(await onlineUsers(server, 'acme')).toEqual(['returning']);
    // A reconnected socket is a new connection: rooms are joined again (the typed client does it).
    expect(await joinRca(socket, '42')).toMatchObject({ ok: true });
  });

  it('the client gives up after 10 failed attempts when the server does not come back', async () => {
    server = await startApp(DEMO_ENV);
    const { socket } = await connect(`${server.url}/rca`, tokenFor('patient', 'acme'), { ...TEST_BACKOFF, reconnectionDelay: 10, reconnectionDelayMax: 20 });
    const attempts: number[] = [];
    socket.io.on('reconnect_attempt', (attempt) => attempts.push(attempt));
    const gaveUp = new Promise<void>((resolve) => socket.io.once('reconnect_failed', resolve));
    await server.close();
    server = undefined;
    await gaveUp;
    expect(attempts).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('connect and disconnect are tracked: presence shows the connection, and drops it on disconnect', async () => {
    server = await startApp(DEMO_ENV);
    const running = server;
    const { socket } = await connect(`${running.url}/rca`, tokenFor('leaver', 'acme'));
    expect(await onlineUsers(running, 'acme')).toEqual(['leaver']);
    socket.close();
    await waitFor(async () => (await onlineUsers(running, 'acme')).length === 0, 'presence to drop the closed connection');
  });
});
