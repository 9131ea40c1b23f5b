import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, closeClients, makeClient } from './support/clients';
import { startTestServer, type TestServer } from './support/test-server';
import { waitForStatus } from './support/wait';
import { waitFor } from '@tenantcast/test-support';

let pollingOnly: TestServer;
let both: TestServer;

beforeAll(async () => {
  // A server (or a proxy in front of it) that does not accept WebSocket.
  pollingOnly = await startTestServer({ transports: ['polling'] });
  both = await startTestServer();
});
afterEach(() => closeClients());
afterAll(async () => {
  await pollingOnly.close();
  await both.close();
});

describe('transports', () => {
  it('falls back to HTTP long-polling when WebSocket is unavailable, with everything working over it', async () => {
    const client = makeClient(pollingOnly, ALICE);
    const status = await waitForStatus(client, 'connected');
    expect(status.transport).toBe('polling');
    expect(client.socket.io.engine.transport.name).toBe('polling');
    const room = await client.join('rca', '9');
    const received = new Promise<unknown>((resolve) => client.once('rca-updated', (envelope) => resolve(envelope.data)));
    pollingOnly.realtime.emitToRoom('acme', 'rca', '9', 'rca-updated', { rcaId: '9', status: 'open' });
    expect(await received).toEqual({ rcaId: '9', status: 'open' });
    await room.leave();
  });

  it('reports the upgrade of a polling connection to WebSocket in the status', async () => {
    const client = makeClient(both, ALICE, { transports: ['polling', 'websocket'], autoConnect: false });
    let opened: string | undefined;
    client.socket.io.on('open', () => {
      opened = client.socket.io.engine.transport.name;
    });
    client.connect();
    await waitForStatus(client, 'connected');
    expect(opened).toBe('polling');
    // The upgrade may finish before or after `connected`; either way the status follows it.
    await waitFor(() => {
      const status = client.status.getSnapshot();
      return status.type === 'connected' && status.transport === 'websocket';
    }, 'the status shows the upgrade');
  });

  it('goes straight to polling when configured so', async () => {
    const client = makeClient(pollingOnly, ALICE, { transports: ['polling'] });
    expect((await waitForStatus(client, 'connected')).transport).toBe('polling');
  });
});
