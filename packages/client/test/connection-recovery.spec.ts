import { waitFor } from '@tenantcast/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '@tenantcast/protocol';
import { ALICE, closeClients, makeClient } from './support/clients';
import { startTestServer, type TestServer } from './support/test-server';
import { waitForStatus } from './support/wait';

describe('connection state recovery', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ recovery: { maxDisconnectionMs: 10_000 } });
  });
  afterEach(() => closeClients());
  afterAll(() => server.close());

  it('after a short drop says recovered, receives what it missed and keeps its room without joining again', async () => {
    // Slow enough to reconnect that the server sees the drop first, and buffers what follows.
    const client = makeClient(server, ALICE, { reconnection: { delayMs: 1_000, maxDelayMs: 1_000, jitter: 0 } });
    const first = await waitForStatus(client, 'connected');
    expect(first.recovered).toBe(false);
    const received: Envelope[] = [];
    client.on('rca-updated', (envelope) => received.push(envelope));
    const room = await client.join('rca', '42');
    const joins = server.received('join');

    // A dropped transport (not a clean disconnect) is what Socket.IO recovers from.
    client.socket.io.engine.close();
    await waitForStatus(client, 'reconnecting');
    await waitFor(() => server.connectedSockets() === 0, 'the server to see the drop');
    const missed = server.realtime.emitToRoom('acme', 'rca', '42', 'rca-updated', { rcaId: '42', status: 'closed' });

    const again = await waitForStatus(client, 'connected');
    expect(again.recovered).toBe(true);
    await waitFor(() => received.length === 1, 'the missed event');
    expect(received).toEqual([missed]);
    expect(server.received('join')).toBe(joins);
    expect(room.state.getSnapshot()).toMatchObject({ status: 'joined', room: 'tenant:acme:rca:42' });
    await room.leave();
  });

  it('after a reconnect the server could not recover says so and joins its rooms again', async () => {
    const client = makeClient(server, ALICE);
    await waitForStatus(client, 'connected');
    const room = await client.join('rca', '7');
    const joins = server.received('join');
    await server.restart();
    const again = await waitForStatus(client, 'connected');
    expect(again.recovered).toBe(false);
    await waitFor(() => room.state.getSnapshot().status === 'joined' && server.received('join') === joins + 1, 'the room to be joined again');
    await room.leave();
  });
});
