import type { LoggerService } from '@nestjs/common';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { closeAll, connect } from './support/clients';
import { api } from './support/http';
import { SilentPollingClient } from './support/silent-polling-client';
import { DEMO_ENV, tokenFor } from './support/tokens';
import { waitFor } from '@tenantcast/test-support';

/** Keeps every log line (debug included, where pongs go), to show that connection health is logged. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown): void {
    this.lines.push(String(message));
  }
  error(message: unknown): void {
    this.log(message);
  }
  warn(message: unknown): void {
    this.log(message);
  }
  debug(message: unknown): void {
    this.log(message);
  }
}

describe('heartbeat (ping/pong) for connection health', () => {
  let server: RunningApp;
  const logger = new CapturingLogger();

  beforeAll(async () => {
    // Short timers so the test does not wait for the 25 s / 20 s defaults (gateway.spec.ts checks those).
    server = await startApp({ ...DEMO_ENV, WEBSOCKET_PING_INTERVAL: '200', WEBSOCKET_PING_TIMEOUT: '300' }, { logger });
  });
  afterEach(closeAll);
  afterAll(() => server.close());

  const isOnline = async (userId: string): Promise<boolean> => {
    const response = await api<{ users: Array<{ userId: string }> }>(server.url, 'GET', '/presence', { token: tokenFor('observer', 'acme') });
    return response.body.users.some((user) => user.userId === userId);
  };

  it('WEBSOCKET_PING_INTERVAL and WEBSOCKET_PING_TIMEOUT reach the Engine.IO handshake', async () => {
    const client = await SilentPollingClient.open(server.url);
    expect(client.handshake).toMatchObject({ pingInterval: 200, pingTimeout: 300 });
  });

  it('the server pings, socket.io-client answers with pong, the connection stays up, and each pong is logged', async () => {
    const { socket } = await connect(`${server.url}/rca`, tokenFor('steady', 'acme'));
    let pings = 0;
    socket.io.on('ping', () => (pings += 1));
    await waitFor(() => pings >= 3, 'three pings from the server');
    expect(socket.connected).toBe(true);
    expect(await isOnline('steady')).toBe(true);
    await waitFor(() => logger.lines.filter((line) => line === `Pong socket=${socket.id} tenant=acme user=steady transport=websocket`).length >= 2, 'the pong lines');
  });

  it('a client that stops answering pings is dropped with "ping timeout", its presence removed and the disconnect logged', async () => {
    const client = await SilentPollingClient.open(server.url);
    await client.connectNamespace('/rca', tokenFor('frozen', 'acme'));
    expect(await isOnline('frozen')).toBe(true);
    await waitFor(async () => !(await isOnline('frozen')), 'presence to drop the silent client');
    expect(logger.lines).toContainEqual(expect.stringMatching(/^Disconnected socket=\S+ tenant=acme user=frozen transport=polling reason="ping timeout"$/));
  });
});
