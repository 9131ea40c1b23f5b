import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JoinAck } from '@tenantcast/protocol';
import { RealtimeService } from '../src';
import { startRealtimeApp, type TestApp } from './support/apps';
import { connectClient, expectConnectError, request } from './support/clients';
import { tokenFor } from './support/tokens';
import { nextEvent } from '@tenantcast/test-support';

describe('graceful degradation to long-polling', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startRealtimeApp();
  });
  afterAll(() => server.close());

  it('serves a polling-only client end to end: handshake, join and room events', async () => {
    const { socket } = await connectClient(server.url, '/rca', tokenFor('poller', 'acme'), { transports: ['polling'] });
    expect(socket.io.engine.transport.name).toBe('polling');
    expect((await request<JoinAck>(socket, 'join', { kind: 'rca', id: '5' })).ok).toBe(true);
    const update = nextEvent<{ data: unknown }>(socket, 'rca-updated');
    server.app.get(RealtimeService).emitToRoom('acme', 'rca', '5', 'rca-updated', { over: 'polling' });
    expect((await update).data).toEqual({ over: 'polling' });
    socket.close();
  });

  it('upgrades a client that starts on polling to WebSocket when allowed', async () => {
    const { socket } = await connectClient(server.url, '/rca', tokenFor('upgrader', 'acme'), { transports: ['polling', 'websocket'] });
    if (socket.io.engine.transport.name !== 'websocket') await new Promise((resolve) => socket.io.engine.once('upgrade', resolve));
    expect(socket.io.engine.transport.name).toBe('websocket');
    socket.close();
  });

  it('keeps working over polling when the server does not offer WebSocket', async () => {
    const pollingOnly = await startRealtimeApp({ transports: ['polling'] });
    try {
      await expectConnectError(pollingOnly.url, '/rca', tokenFor('ws', 'acme'), { transports: ['websocket'] });
      const { socket, connected } = await connectClient(pollingOnly.url, '/rca', tokenFor('fallback', 'acme'), { transports: ['websocket', 'polling'], tryAllTransports: true });
      expect(connected.user.userId).toBe('fallback');
      expect(socket.io.engine.transport.name).toBe('polling');
      expect((await request<JoinAck>(socket, 'join', { kind: 'rca', id: '1' })).ok).toBe(true);
      socket.close();
    } finally {
      await pollingOnly.close();
    }
  });

  it('refuses bad tokens over polling exactly as over WebSocket', async () => {
    const error = await expectConnectError(server.url, '/rca', 'bad', { transports: ['polling'] });
    expect(error.message).toBe('Unauthorized');
    expect(error.data?.code).toBe('UNAUTHORIZED');
  });
});
