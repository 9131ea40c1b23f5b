import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { isEnvelope, type Envelope } from '@tenantcast/protocol';
import { RealtimeService } from '../src';
import { startRealtimeApp, type TestApp } from './support/apps';
import { connectClient, flush, request } from './support/clients';
import { tokenFor } from './support/tokens';
import { collect, nextEvent } from '@tenantcast/test-support';

interface RcaEvents {
  'rca-updated': { status: string };
}

describe('real-time event emission', () => {
  let server: TestApp;
  let realtime: RealtimeService<RcaEvents>;

  beforeAll(async () => {
    server = await startRealtimeApp();
    realtime = server.app.get(RealtimeService);
  });
  afterAll(() => server.close());

  it('delivers a room event to every client in the room in the standard envelope, and to nobody in other rooms', async () => {
    const inRoom = await Promise.all(['a', 'b', 'c'].map((user) => connectClient(server.url, '/rca', tokenFor(user, 'acme'))));
    const elsewhere = await connectClient(server.url, '/rca', tokenFor('d', 'acme'));
    for (const { socket } of inRoom) await request(socket, 'join', { kind: 'rca', id: '42' });
    await request(elsewhere.socket, 'join', { kind: 'rca', id: '43' });
    const received = inRoom.map(({ socket }) => nextEvent<Envelope>(socket, 'rca-updated'));
    const stray = collect(elsewhere.socket, 'rca-updated');
    const before = Date.now();
    const sent = realtime.emitToRoom('acme', 'rca', '42', 'rca-updated', { status: 'investigating' });
    for (const envelope of await Promise.all(received)) {
      expect(isEnvelope(envelope)).toBe(true);
      expect(envelope).toEqual({
        id: sent.id,
        type: 'rca-updated',
        data: { status: 'investigating' },
        timestamp: expect.any(Number),
        metadata: { tenantId: 'acme', room: 'tenant:acme:rca:42', kind: 'rca', resourceId: '42' },
      });
      expect(envelope.timestamp).toBeGreaterThanOrEqual(before);
    }
    await flush(elsewhere.socket);
    expect(stray).toEqual([]);
    for (const { socket } of [...inRoom, elsewhere]) socket.close();
  });

  it('gives every envelope a unique id', () => {
    const ids = new Set(Array.from({ length: 100 }, () => realtime.emitToTenant('nobody', 'rca-updated', { status: 'x' }).id));
    expect(ids.size).toBe(100);
  });

  it('delivers one room event to all of 100 concurrent clients in that room', async () => {
    const clients: Socket[] = (
      await Promise.all(Array.from({ length: 100 }, (_, index) => connectClient(server.url, '/rca', tokenFor(`load-${index}`, 'acme'))))
    ).map(({ socket }) => socket);
    await Promise.all(clients.map((socket) => request(socket, 'join', { kind: 'rca', id: 'crowd' })));
    expect((await realtime.presence.inRoom('acme', 'rca', 'crowd')).length).toBe(100);
    const deliveries = clients.map((socket) => nextEvent<Envelope>(socket, 'rca-updated', 10_000));
    realtime.emitToRoom('acme', 'rca', 'crowd', 'rca-updated', { status: 'fan-out' });
    const envelopes = await Promise.all(deliveries);
    expect(envelopes.map((envelope) => envelope.data)).toEqual(Array.from({ length: 100 }, () => ({ status: "fan-out" })));
    for (const socket of clients) socket.close();
  });
});
