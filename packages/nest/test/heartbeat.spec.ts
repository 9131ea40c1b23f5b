import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealtimeService } from '../src';
import { startRealtimeApp, type TestApp } from './support/apps';
import { connectClient } from './support/clients';
import { RawEngineClient } from './support/raw-engine-client';
import { tokenFor } from './support/tokens';
import { waitFor } from '@tenantcast/test-support';

const PING_INTERVAL = 300;
const PING_TIMEOUT = 200;
// Timers and the event loop add a little on top of the protocol's own bound.
const SCHEDULING_SLACK = 400;

describe('heartbeat (ping/pong) for connection health', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startRealtimeApp({ pingInterval: PING_INTERVAL, pingTimeout: PING_TIMEOUT });
  });
  afterAll(() => server.close());

  it('applies pingInterval and pingTimeout to the engine handshake and tells the client', async () => {
    const client = new RawEngineClient(server.url);
    await client.opened;
    const open = JSON.parse((await client.waitForFrame((frame) => frame.startsWith('0'))).slice(1)) as Record<string, number>;
    expect(open.pingInterval).toBe(PING_INTERVAL);
    expect(open.pingTimeout).toBe(PING_TIMEOUT);
    expect(open.maxPayload).toBe(65_536);
    client.close();
  });

  it('keeps a client that answers pings connected across many ping intervals', async () => {
    const { socket } = await connectClient(server.url, '/rca', tokenFor('steady', 'acme'));
    await new Promise((resolve) => setTimeout(resolve, PING_INTERVAL * 4));
    expect(socket.connected).toBe(true);
    socket.close();
  });

  it('drops a client that stops answering within pingInterval + pingTimeout and removes its presence', async () => {
    const realtime = server.app.get(RealtimeService);
    const client = new RawEngineClient(server.url);
    await client.opened;
    client.connectNamespace('/rca', tokenFor('frozen', 'acme'));
    await client.waitForFrame((frame) => frame.startsWith('42/rca,["connected"'));
    expect(await realtime.presence.isOnline('acme', 'frozen')).toBe(true);
    // Answer one ping so the measurement starts at a known ping, then go silent.
    await client.waitForFrame((frame) => frame === '2');
    client.answerPings = false;
    const silentFrom = Date.now();
    const closedAt = await client.closed;
    expect(closedAt - silentFrom).toBeLessThanOrEqual(PING_INTERVAL + PING_TIMEOUT + SCHEDULING_SLACK);
    await waitFor(async () => !(await realtime.presence.isOnline('acme', 'frozen')), 'presence to drop the frozen client', 2_000);
  });
});
