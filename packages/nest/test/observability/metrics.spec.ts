import { SubscribeMessage } from '@nestjs/websockets';
import type { JoinAck } from '@tenantcast/protocol';
import { waitFor } from '@tenantcast/test-support';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RealtimeError, RealtimeGateway, RealtimeModule, RealtimeService, type RealtimeModuleOptions } from '../../src';
import { startModule, testOptions, type TestApp } from '../support/apps';
import { connectClient, expectConnectError, request } from '../support/clients';
import { MetricsProbe } from '../support/metrics-probe';
import { tokenFor } from '../support/tokens';

/** An application handler, so `ping-app` has a listener and its own series. */
@RealtimeGateway()
class PingGateway {
  @SubscribeMessage('ping-app')
  ping(): { ok: true } {
    return { ok: true };
  }
}

/** Per socket, per minute: a window no test run outlasts, so exactly the events past it are refused. */
const PER_SOCKET = { points: 20, duration: 60 };

/** The code of the `RealtimeError` `emit` throws. */
function refusalCode(emit: () => unknown): string | undefined {
  try {
    emit();
  } catch (error) {
    return error instanceof RealtimeError ? error.code : String(error);
  }
  return undefined;
}

async function startObserved(probe: MetricsProbe, overrides: Partial<RealtimeModuleOptions> = {}): Promise<TestApp> {
  const options = testOptions({
    rooms: { rca: { authorize: (_user, id) => id !== 'secret' } },
    limits: { maxConnectionsPerUser: 2, maxEmitBytes: 2_048, rateLimit: { perSocket: PER_SOCKET } },
    metrics: { meterProvider: probe.provider, tenantLabel: { allow: ['acme'] } },
    ...overrides,
  });
  return startModule({ imports: [RealtimeModule.forRoot(options)], providers: [PingGateway] });
}

describe('OpenTelemetry metrics, counted from real traffic', () => {
  const probe = new MetricsProbe();
  let server: TestApp;
  let realtime: RealtimeService;
  const sockets: Socket[] = [];
  const open = async (userId: string, tenantId: string, transport: 'websocket' | 'polling' = 'websocket'): Promise<Socket> => {
    const { socket } = await connectClient(server.url, '/rca', tokenFor(userId, tenantId), { transports: [transport] });
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    server = await startObserved(probe);
    realtime = server.app.get(RealtimeService);
  });
  afterEach(() => {
    for (const socket of sockets.splice(0)) socket.close();
  });
  afterAll(async () => {
    await server.close();
    await probe.shutdown();
  });

  it('counts connections by transport and tenant, refusals by code, and the handshake durations of both', async () => {
    await open('alice', 'acme');
    await open('alice', 'acme', 'polling');
    await open('gina', 'globex');
    expect((await expectConnectError(server.url, '/rca', undefined)).data?.code).toBe('UNAUTHORIZED');
    expect((await expectConnectError(server.url, '/rca', tokenFor('late', 'acme', {}, -60))).data?.code).toBe('TOKEN_EXPIRED');
    expect((await expectConnectError(server.url, '/rca', tokenFor('alice', 'acme'))).data?.code).toBe('CONNECTION_LIMIT');

    expect(await probe.sum('tenantcast.connections.opened', { transport: 'websocket', tenant: 'acme' })).toBe(1);
    expect(await probe.sum('tenantcast.connections.opened', { transport: 'polling', tenant: 'acme' })).toBe(1);
    // globex is not on the allowlist.
    expect(await probe.sum('tenantcast.connections.opened', { transport: 'websocket', tenant: 'other' })).toBe(1);
    expect(await probe.sum('tenantcast.connections.active', { tenant: 'acme' })).toBe(2);
    expect(await probe.sum('tenantcast.connections.active', { tenant: 'other' })).toBe(1);
    expect(await probe.sum('tenantcast.handshake.refusals', { code: 'UNAUTHORIZED' })).toBe(1);
    expect(await probe.sum('tenantcast.handshake.refusals', { code: 'TOKEN_EXPIRED' })).toBe(1);
    // Only a verified token names a tenant: the cap is the one refusal that has one.
    expect(await probe.series('tenantcast.handshake.refusals')).toEqual(
      expect.arrayContaining([{ code: 'UNAUTHORIZED' }, { code: 'TOKEN_EXPIRED' }, { code: 'CONNECTION_LIMIT', tenant: 'acme' }]),
    );
    expect(await probe.count('tenantcast.handshake.duration', { outcome: 'accepted' })).toBe(3);
    expect(await probe.count('tenantcast.handshake.duration', { outcome: 'refused' })).toBe(3);
    expect(await probe.count('tenantcast.presence.operation.duration', { operation: 'addConnection', store: 'memory' })).toBe(3);
  });

  it('counts disconnects by reason and last transport, and the active count comes back down', async () => {
    // The previous test's sockets are closed; their disconnects reach the server in their own time.
    await waitFor(async () => (await probe.sum('tenantcast.connections.active')) === 0, 'every earlier connection to close');
    const before = {
      client: await probe.sum('tenantcast.connections.closed', { reason: 'client namespace disconnect', transport: 'websocket', tenant: 'acme' }),
      polling: await probe.sum('tenantcast.connections.closed', { reason: 'client namespace disconnect', transport: 'polling', tenant: 'acme' }),
      server: await probe.sum('tenantcast.connections.closed', { reason: 'server namespace disconnect', tenant: 'other' }),
    };
    const tab = await open('dora', 'acme');
    const polling = await open('dora', 'acme', 'polling');
    await open('gus', 'globex');
    expect(await probe.sum('tenantcast.connections.active', { tenant: 'acme' })).toBe(2);
    expect(await probe.sum('tenantcast.connections.active', { tenant: 'other' })).toBe(1);
    tab.close();
    polling.close();
    realtime.disconnectUser('globex', 'gus', 'revoked');
    await waitFor(async () => (await probe.sum('tenantcast.connections.active')) === 0, 'the three disconnects');
    expect(await probe.sum('tenantcast.connections.closed', { reason: 'client namespace disconnect', transport: 'websocket', tenant: 'acme' })).toBe(before.client + 1);
    expect(await probe.sum('tenantcast.connections.closed', { reason: 'client namespace disconnect', transport: 'polling', tenant: 'acme' })).toBe(before.polling + 1);
    expect(await probe.sum('tenantcast.connections.closed', { reason: 'server namespace disconnect', tenant: 'other' })).toBe(before.server + 1);
    await waitFor(
      async () => (await probe.count('tenantcast.presence.operation.duration', { operation: 'removeConnection' })) === (await probe.sum('tenantcast.connections.closed')),
      'presence to remove every closed connection',
    );
  });

  it('counts joins by kind, join refusals by code, leaves, and every received event by name', async () => {
    const socket = await open('jo', 'acme');
    const other = await open('gil', 'globex');
    const before = {
      join: await probe.sum('tenantcast.events.received', { event: 'join', tenant: 'acme' }),
      joins: await probe.sum('tenantcast.rooms.joins', { kind: 'rca', tenant: 'acme' }),
    };
    expect(await request<JoinAck>(socket, 'join', { kind: 'rca', id: '42' })).toMatchObject({ ok: true });
    expect(await request<JoinAck>(socket, 'join', { kind: 'rca', id: 'secret' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await request<JoinAck>(socket, 'join', { kind: 'nope', id: '1' })).toMatchObject({ ok: false, error: { code: 'INVALID_ROOM' } });
    expect(await request<JoinAck>(other, 'join', { kind: 'rca', id: '7' })).toMatchObject({ ok: true });
    expect(await request(socket, 'leave', { kind: 'rca', id: '42' })).toMatchObject({ ok: true });
    expect(await request(socket, 'ping-app', {})).toEqual({ ok: true });
    socket.emit('made-up-name', 1);
    socket.emit('another-made-up-name', 2);
    expect(await request(socket, 'ping-app', {})).toEqual({ ok: true });

    expect(await probe.sum('tenantcast.rooms.joins', { kind: 'rca', tenant: 'acme' })).toBe(before.joins + 1);
    expect(await probe.sum('tenantcast.rooms.joins', { kind: 'rca', tenant: 'other' })).toBe(1);
    expect(await probe.sum('tenantcast.rooms.join_refusals', { code: 'FORBIDDEN', tenant: 'acme' })).toBe(1);
    expect(await probe.sum('tenantcast.rooms.join_refusals', { code: 'INVALID_ROOM', tenant: 'acme' })).toBe(1);
    expect(await probe.sum('tenantcast.rooms.leaves', { kind: 'rca', tenant: 'acme' })).toBe(1);
    expect(await probe.sum('tenantcast.events.received', { event: 'join', tenant: 'acme' })).toBe(before.join + 3);
    expect(await probe.sum('tenantcast.events.received', { event: 'leave', tenant: 'acme' })).toBe(1);
    expect(await probe.sum('tenantcast.events.received', { event: 'ping-app', tenant: 'acme' })).toBe(2);
    // Names nothing listens to share one series, whatever clients make up.
    expect(await probe.sum('tenantcast.events.received', { event: 'other', tenant: 'acme' })).toBe(2);
    const names = new Set((await probe.series('tenantcast.events.received')).map((series) => series.event));
    expect([...names].sort()).toEqual(['join', 'leave', 'other', 'ping-app']);
  });

  it('counts emitted envelopes by type and target, and emits refused before sending by code', async () => {
    realtime.emitToRoom('acme', 'rca', '42', 'rca-updated', { status: 'open' });
    realtime.emitToRoom('acme', 'rca', '42', 'rca-updated', { status: 'closed' });
    realtime.emitToUser('acme', 'alice', 'notification', { text: 'hi' });
    realtime.emitToTenant('globex', 'announcement', { text: 'maintenance' });
    expect(refusalCode(() => realtime.emitToRoom('ac:me', 'rca', '42', 'rca-updated', {}))).toBe('INVALID_ROOM');
    expect(refusalCode(() => realtime.emitToTenant('acme', 'announcement', { text: 'x'.repeat(4_096) }))).toBe('PAYLOAD_TOO_LARGE');

    expect(await probe.sum('tenantcast.events.emitted', { event: 'rca-updated', target: 'room', tenant: 'acme' })).toBe(2);
    expect(await probe.sum('tenantcast.events.emitted', { event: 'notification', target: 'user', tenant: 'acme' })).toBe(1);
    expect(await probe.sum('tenantcast.events.emitted', { event: 'announcement', target: 'tenant', tenant: 'other' })).toBe(1);
    expect(await probe.sum('tenantcast.events.emitted')).toBe(4);
    expect(await probe.sum('tenantcast.events.emit_failures', { code: 'INVALID_ROOM', target: 'room' })).toBe(1);
    expect(await probe.sum('tenantcast.events.emit_failures', { code: 'PAYLOAD_TOO_LARGE', target: 'tenant' })).toBe(1);
  });

  it('counts every event refused by a rate limit, by the limit that refused it', async () => {
    const socket = await open('flooder', 'acme');
    const sent = PER_SOCKET.points + 5;
    const acks = await Promise.all(Array.from({ length: sent }, () => request<{ ok?: boolean; error?: { code: string } }>(socket, 'ping-app', {})));
    expect(acks.filter((ack) => ack.error?.code === 'RATE_LIMITED')).toHaveLength(5);
    expect(await probe.sum('tenantcast.rate_limit.hits', { scope: 'socket', tenant: 'acme' })).toBe(5);
  });
});

describe('the tenant label cap', () => {
  it('gives the first `max` tenants their own label and counts every later one as other', async () => {
    const probe = new MetricsProbe();
    const server = await startObserved(probe, { metrics: { meterProvider: probe.provider, tenantLabel: { max: 2 } } });
    const sockets: Socket[] = [];
    try {
      for (const tenant of ['t1', 't2', 't3', 't4', 't5', 't1']) sockets.push((await connectClient(server.url, '/rca', tokenFor('u', tenant))).socket);
      const active = await probe.series('tenantcast.connections.active');
      expect(active.map((series) => series.tenant).sort()).toEqual(['other', 't1', 't2']);
      expect(await probe.sum('tenantcast.connections.active', { tenant: 't1' })).toBe(2);
      expect(await probe.sum('tenantcast.connections.active', { tenant: 'other' })).toBe(3);
    } finally {
      for (const socket of sockets) socket.close();
      await server.close();
      await probe.shutdown();
    }
  });

  it('leaves the tenant label out unless asked', async () => {
    const probe = new MetricsProbe();
    const server = await startObserved(probe, { metrics: { meterProvider: probe.provider } });
    try {
      const { socket } = await connectClient(server.url, '/rca', tokenFor('u', 'acme'));
      expect(await probe.series('tenantcast.connections.opened')).toEqual([{ transport: 'websocket' }]);
      socket.close();
    } finally {
      await server.close();
      await probe.shutdown();
    }
  });
});
