import { waitFor } from '@tenantcast/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { closeAll, connect, connectError, joinRca, type RcaSocket } from './support/clients';
import { api } from './support/http';
import { Scrape } from './support/prometheus';
import { DEMO_ENV, tokenFor } from './support/tokens';

async function scrape(url: string): Promise<Scrape> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return Scrape.parse(await response.text());
}

describe('GET /metrics (METRICS=true)', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp({ ...DEMO_ENV, METRICS: 'true' });
  });
  afterEach(closeAll);
  afterAll(() => server.close());

  it('serves the library metrics in the Prometheus text format, without a token', async () => {
    const { socket } = await connect(`${server.url}/rca`, tokenFor('alice', 'acme'));
    const metrics = await scrape(server.url);
    expect(metrics.types.get('tenantcast_connections_opened_total')).toBe('counter');
    expect(metrics.types.get('tenantcast_connections_active')).toBe('gauge');
    expect(metrics.types.get('tenantcast_handshake_duration')).toBe('histogram');
    expect(metrics.sum('tenantcast_connections_active', { tenant: 'acme' })).toBe(1);
    socket.close();
  });

  it('moves every counter by exactly what real traffic implies', async () => {
    await waitFor(async () => (await scrape(server.url)).sum('tenantcast_connections_active') === 0, 'earlier connections to close');
    const before = await scrape(server.url);
    const delta = (after: Scrape, name: string, labels: Record<string, string> = {}): number => after.sum(name, labels) - before.sum(name, labels);

    // Three users of two tenants connect; a viewer may see RCA 42 only; one handshake has no valid token.
    const sockets: RcaSocket[] = [];
    for (const [userId, tenantId, extra] of [['ana', 'acme', {}], ['vic', 'acme', { role: 'viewer', rcaIds: ['42'] }], ['gus', 'globex', {}]] as const) {
      sockets.push((await connect(`${server.url}/rca`, tokenFor(userId, tenantId, extra))).socket);
    }
    expect((await connectError(`${server.url}/rca`, 'not-a-jwt')).data?.code).toBe('UNAUTHORIZED');
    const [ana, vic, gus] = sockets as [RcaSocket, RcaSocket, RcaSocket];
    expect(await joinRca(ana, '42')).toMatchObject({ ok: true });
    expect(await joinRca(vic, '42')).toMatchObject({ ok: true });
    expect(await joinRca(vic, '17')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await joinRca(gus, '42')).toMatchObject({ ok: true });
    // One update to RCA 42 of acme, one that also moves its status (a second event, to the tenant), one announcement.
    const token = tokenFor('ana', 'acme');
    expect((await api(server.url, 'POST', '/rcas/42/updates', { token, body: { note: 'looked at the logs' } })).status).toBe(202);
    expect((await api(server.url, 'POST', '/rcas/42/updates', { token, body: { status: 'action-planned' } })).status).toBe(202);
    expect((await api(server.url, 'POST', '/tenant/broadcasts', { token: tokenFor('mia', 'acme', { role: 'manager' }), body: { text: 'standup' } })).status).toBe(202);
    closeAll();
    await waitFor(async () => (await scrape(server.url)).sum('tenantcast_connections_active') === 0, 'the three disconnects');

    const after = await scrape(server.url);
    expect(delta(after, 'tenantcast_connections_opened_total')).toBe(3);
    expect(delta(after, 'tenantcast_connections_opened_total', { tenant: 'acme', transport: 'websocket' })).toBe(2);
    expect(delta(after, 'tenantcast_connections_opened_total', { tenant: 'globex' })).toBe(1);
    expect(delta(after, 'tenantcast_connections_closed_total', { reason: 'client namespace disconnect' })).toBe(3);
    expect(delta(after, 'tenantcast_connections_closed_total')).toBe(3);
    expect(delta(after, 'tenantcast_handshake_refusals_total', { code: 'UNAUTHORIZED' })).toBe(1);
    expect(delta(after, 'tenantcast_handshake_refusals_total')).toBe(1);
    expect(delta(after, 'tenantcast_handshake_duration_count', { outcome: 'accepted' })).toBe(3);
    expect(delta(after, 'tenantcast_handshake_duration_count', { outcome: 'refused' })).toBe(1);
    expect(delta(after, 'tenantcast_rooms_joins_total', { kind: 'rca' })).toBe(3);
    expect(delta(after, 'tenantcast_rooms_join_refusals_total', { code: 'FORBIDDEN', tenant: 'acme' })).toBe(1);
    expect(delta(after, 'tenantcast_events_received_total', { event: 'join-rca' })).toBe(4);
    expect(delta(after, 'tenantcast_events_received_total')).toBe(4);
    expect(delta(after, 'tenantcast_events_emitted_total', { event: 'rca-updated', target: 'room', tenant: 'acme' })).toBe(2);
    expect(delta(after, 'tenantcast_events_emitted_total', { event: 'rca-status-changed', target: 'tenant', tenant: 'acme' })).toBe(1);
    expect(delta(after, 'tenantcast_events_emitted_total', { event: 'announcement', target: 'tenant', tenant: 'acme' })).toBe(1);
    expect(delta(after, 'tenantcast_events_emitted_total')).toBe(4);
    expect(delta(after, 'tenantcast_events_emit_failures_total')).toBe(0);
    expect(delta(after, 'tenantcast_presence_operation_duration_count', { operation: 'addConnection', store: 'memory' })).toBe(3);
    expect(delta(after, 'tenantcast_presence_operation_duration_count', { operation: 'removeConnection', store: 'memory' })).toBe(3);
    expect(delta(after, 'tenantcast_presence_operation_errors_total')).toBe(0);
    expect(after.sum('tenantcast_connections_active')).toBe(0);
  });
});

describe('GET /metrics without METRICS', () => {
  it('is a 404', async () => {
    const server = await startApp(DEMO_ENV);
    try {
      expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    } finally {
      await server.close();
    }
  });
});
