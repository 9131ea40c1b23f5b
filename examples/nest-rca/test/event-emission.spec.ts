import { isEnvelope } from '@tenantcast/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { closeAll, collect, connect, joinRca, settle, type RcaSocket, type Received } from './support/clients';
import { api } from './support/http';
import { DEMO_ENV, tokenFor } from './support/tokens';
import { nextEvent } from '@tenantcast/test-support';

describe('real-time event emission', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp(DEMO_ENV);
  });
  afterEach(closeAll);
  afterAll(() => server.close());

  const connectAs = async (userId: string, tenantId: string): Promise<RcaSocket> => (await connect(`${server.url}/rca`, tokenFor(userId, tenantId))).socket;

  it('POST /rcas/:id/updates reaches every client in that RCA room and nobody in another tenant', async () => {
    const inRoom = await Promise.all(['a', 'b', 'c'].map((userId) => connectAs(userId, 'acme')));
    const otherRoom = await connectAs('d', 'acme');
    const otherTenant = await connectAs('a', 'globex');
    for (const socket of inRoom) await joinRca(socket, '42');
    await joinRca(otherRoom, '43');
    await joinRca(otherTenant, '42');
    const deliveries = inRoom.map((socket) => nextEvent<Received<'rca-updated'>>(socket, 'rca-updated'));
    const strays = [otherRoom, otherTenant].map((socket) => collect(socket, 'rca-updated'));
    const before = Date.now();

    const response = await api<Received<'rca-updated'>>(server.url, 'POST', '/rcas/42/updates', { token: tokenFor('a', 'acme'), body: { status: 'investigating', rootCause: null } });

    expect(response.status).toBe(202);
    for (const envelope of await Promise.all(deliveries)) {
      expect(isEnvelope(envelope)).toBe(true);
      expect(envelope).toEqual({
        id: response.body.id,
        type: 'rca-updated',
        data: { rcaId: '42', update: { status: 'investigating', rootCause: null }, updatedBy: 'a' },
        timestamp: expect.any(Number),
        metadata: { tenantId: 'acme', room: 'tenant:acme:rca:42', kind: 'rca', resourceId: '42' },
      });
      expect(envelope.timestamp).toBeGreaterThanOrEqual(before);
    }
    await settle(otherRoom, otherTenant);
    expect(strays).toEqual([[], []]);
  });

  it('POST /users/:userId/notifications reaches every tab of that user and nobody else', async () => {
    const tabs = [await connectAs('rajesh', 'acme'), await connectAs('rajesh', 'acme')];
    const others = [await connectAs('colleague', 'acme'), await connectAs('rajesh', 'globex')];
    const received = [...tabs, ...others].map((socket) => collect(socket, 'notification'));
    const response = await api(server.url, 'POST', '/users/rajesh/notifications', { token: tokenFor('manager', 'acme'), body: { title: 'You have been assigned RCA-2847' } });
    expect(response.status).toBe(202);
    await settle(...tabs, ...others);
    expect(received.map((list) => list.length)).toEqual([1, 1, 0, 0]);
    expect(received[0]![0]).toMatchObject({ data: { notification: { title: 'You have been assigned RCA-2847' }, from: 'manager' }, metadata: { tenantId: 'acme', userId: 'rajesh' } });
  });

  it('POST /tenant/broadcasts reaches every connection of the caller’s tenant and none of another', async () => {
    const acme = [await connectAs('x', 'acme'), await connectAs('y', 'acme')];
    const globex = await connectAs('x', 'globex');
    const received = [...acme, globex].map((socket) => collect(socket, 'announcement'));
    const response = await api(server.url, 'POST', '/tenant/broadcasts', { token: tokenFor('admin', 'acme', { role: 'admin' }), body: { text: '3 pending approvals' } });
    expect(response.status).toBe(202);
    await settle(...acme, globex);
    expect(received.map((list) => list.map((envelope) => envelope.data.announcement))).toEqual([[{ text: '3 pending approvals' }], [{ text: '3 pending approvals' }], []]);
  });

  it('one update reaches all of 100 concurrent clients in the room (functional, latency is measured by bench/)', async () => {
    const clients = await Promise.all(Array.from({ length: 100 }, (_, index) => connectAs(`load-${index}`, 'acme')));
    await Promise.all(clients.map((socket) => joinRca(socket, 'crowd')));
    const deliveries = clients.map((socket) => nextEvent<Received<'rca-updated'>>(socket, 'rca-updated', 10_000));
    await api(server.url, 'POST', '/rcas/crowd/updates', { token: tokenFor('load-0', 'acme'), body: { status: 'fan-out' } });
    const envelopes = await Promise.all(deliveries);
    expect(new Set(envelopes.map((envelope) => envelope.id)).size).toBe(1);
    expect(envelopes.map((envelope) => envelope.data.update)).toEqual(Array.from({ length: 100 }, () => ({ status: 'fan-out' })));
  });

  it('a bad target is refused with 400 INVALID_ROOM, a missing token with 401, and nothing is sent', async () => {
    const bystander = await connectAs('bystander', 'acme');
    const received = collect(bystander, 'notification');
    expect(await api(server.url, 'POST', '/users/a:b/notifications', { token: tokenFor('a', 'acme'), body: {} })).toMatchObject({ status: 400, body: { code: 'INVALID_ROOM' } });
    expect(await api(server.url, 'POST', '/tenant/broadcasts', { body: {} })).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
    await settle(bystander);
    expect(received).toEqual([]);
  });
});
