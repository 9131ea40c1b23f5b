import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope, JoinAck } from '@tenantcast/protocol';
import { RealtimeService } from '../src';
import { startRealtimeApp, type TestApp } from './support/apps';
import { ClientPool, flush, request } from './support/clients';
import { collect } from '@tenantcast/test-support';

describe('tenant-scoped rooms (users only join their own tenant’s rooms)', () => {
  let server: TestApp;
  let realtime: RealtimeService;
  const clients = new ClientPool(() => server.url);
  const connect = (userId: string, tenantId: string) => clients.connect(userId, tenantId);

  beforeAll(async () => {
    server = await startRealtimeApp({
      rooms: {
        rca: {
          authorize: async (user, id) => {
            // A slow authorization backend, to prove requests of one socket apply in order.
            if (id === 'slow') await new Promise((resolve) => setTimeout(resolve, 100));
            return !(user.userId === 'outsider' && id === 'secret');
          },
        },
        plant: { authorize: () => { throw new Error('authorization backend is down'); } },
      },
    });
    realtime = server.app.get(RealtimeService);
  });
  afterAll(async () => {
    clients.closeAll();
    await server.close();
  });

  it('builds the room name as tenant:{tenantId}:rca:{id} from the token’s tenant', async () => {
    const socket = await connect('u1', 'acme');
    const ack = await request<JoinAck>(socket, 'join', { kind: 'rca', id: '42' });
    expect(ack).toEqual({ ok: true, room: 'tenant:acme:rca:42', members: [expect.objectContaining({ userId: 'u1', connections: 1 })] });
  });

  it('never lets two tenants using the same RCA id see each other’s events', async () => {
    const acme = await connect('u1', 'acme');
    const globex = await connect('u1', 'globex');
    await request(acme, 'join', { kind: 'rca', id: '7' });
    await request(globex, 'join', { kind: 'rca', id: '7' });
    const acmeReceived = collect<Envelope>(acme, 'rca-updated');
    const globexReceived = collect<Envelope>(globex, 'rca-updated');
    realtime.emitToRoom('acme', 'rca', '7', 'rca-updated', { status: 'acme-only' });
    await flush(acme);
    await flush(globex);
    expect(acmeReceived.map((envelope) => envelope.data)).toEqual([{ status: 'acme-only' }]);
    expect(globexReceived).toEqual([]);
  });

  it('cannot reach another tenant’s room by naming it: the id is a resource id, never a room name', async () => {
    const attacker = await connect('mallory', 'globex');
    for (const id of ['tenant:acme:rca:7', 'acme:rca:7', 'tenant:acme']) {
      const ack = await request<JoinAck>(attacker, 'join', { kind: 'rca', id });
      expect(ack).toEqual({ ok: false, error: { code: 'INVALID_ROOM', message: expect.any(String) } });
    }
    const received = collect(attacker, 'rca-updated');
    realtime.emitToRoom('acme', 'rca', '7', 'rca-updated', { status: 'private' });
    await flush(attacker);
    expect(received).toEqual([]);
  });

  it('runs the authorize hook before a join: a refusal gives FORBIDDEN and leaves socket.rooms unchanged', async () => {
    const outsider = await connect('outsider', 'acme');
    const ack = await request<JoinAck>(outsider, 'join', { kind: 'rca', id: 'secret' });
    expect(ack).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
    const [serverSocket] = await realtime.namespace.in('tenant:acme:user:outsider').fetchSockets();
    expect([...(serverSocket?.rooms ?? [])].sort()).toEqual([serverSocket!.id, 'tenant:acme', 'tenant:acme:user:outsider'].sort());
    const received = collect(outsider, 'rca-updated');
    realtime.emitToRoom('acme', 'rca', 'secret', 'rca-updated', { status: 'classified' });
    await flush(outsider);
    expect(received).toEqual([]);
  });

  it('applies a leave sent while the join still waits for authorize after that join, leaving no ghost member', async () => {
    const socket = await connect('hasty', 'acme');
    const [joined, left] = await Promise.all([
      request<JoinAck>(socket, 'join', { kind: 'rca', id: 'slow' }),
      request<{ ok: boolean }>(socket, 'leave', { kind: 'rca', id: 'slow' }),
    ]);
    expect(joined.ok).toBe(true);
    expect(left.ok).toBe(true);
    const [serverSocket] = await realtime.namespace.in('tenant:acme:user:hasty').fetchSockets();
    expect(serverSocket?.rooms.has('tenant:acme:rca:slow')).toBe(false);
    expect(await realtime.presence.inRoom('acme', 'rca', 'slow')).toEqual([]);
  });

  it('treats an authorize hook that throws as a refusal', async () => {
    const socket = await connect('u2', 'acme');
    const ack = await request<JoinAck>(socket, 'join', { kind: 'plant', id: 'p1' });
    expect(ack).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('answers bad join payloads with INVALID_ROOM and keeps serving everyone else', async () => {
    const bystander = await connect('bystander', 'acme');
    await request(bystander, 'join', { kind: 'rca', id: 'live' });
    const received = collect<Envelope>(bystander, 'rca-updated');
    const socket = await connect('fuzzer', 'acme');
    const payloads: unknown[][] = [
      [{ kind: 'rca', id: 42 }],
      [{ kind: 'rca', id: 'a:b' }],
      [{ kind: 'rca', id: 'x'.repeat(10_240) }],
      [{ kind: 'rca', id: { nested: true } }],
      [{ kind: 'rca' }],
      [{ kind: 'unknown', id: '1' }],
      [{ kind: 'user', id: 'u1' }],
      [{ kind: 'rca', id: '*' }],
      [{ kind: 'rca', id: '' }],
      [{ kind: 'rca', id: 'a\u0000b' }],
      [{ kind: 'rca', id: 'a\u200bb' }],
      ['rca'],
      [null],
      [[1, 2]],
      [],
    ];
    for (const args of payloads) {
      const ack = await request<JoinAck>(socket, 'join', ...args);
      expect(ack, JSON.stringify(args).slice(0, 80)).toMatchObject({ ok: false, error: { code: 'INVALID_ROOM' } });
    }
    socket.emit('join', { kind: 'rca', id: 'no-ack' });
    socket.emit('join');
    realtime.emitToRoom('acme', 'rca', 'live', 'rca-updated', { status: 'still-served' });
    await flush(bystander);
    expect(received.map((envelope) => envelope.data)).toEqual([{ status: 'still-served' }]);
    expect((await request<JoinAck>(socket, 'join', { kind: 'rca', id: 'valid' })).ok).toBe(true);
  });

  it('tells the room user-joined and the joiner room-joined, and the room user-left on leave', async () => {
    const watcher = await connect('watcher', 'acme');
    await request(watcher, 'join', { kind: 'rca', id: 'presence' });
    const joined = collect(watcher, 'user-joined');
    const left = collect(watcher, 'user-left');
    const joiner = await connect('joiner', 'acme');
    const roomJoined = collect(joiner, 'room-joined');
    await request(joiner, 'join', { kind: 'rca', id: 'presence' });
    await request(joiner, 'leave', { kind: 'rca', id: 'presence' });
    await flush(joiner);
    await flush(watcher);
    expect(roomJoined).toEqual([{ room: 'tenant:acme:rca:presence', kind: 'rca', id: 'presence' }]);
    expect(joined).toEqual([expect.objectContaining({ room: 'tenant:acme:rca:presence', userId: 'joiner', meta: { role: 'engineer', email: 'joiner@acme.example' } })]);
    expect(left).toEqual([expect.objectContaining({ room: 'tenant:acme:rca:presence', userId: 'joiner' })]);
  });

  it('emitToTenant reaches every socket of that tenant and none of another', async () => {
    const a1 = await connect('t1', 'initech');
    const a2 = await connect('t2', 'initech');
    const other = await connect('t1', 'umbrella');
    const received = [a1, a2, other].map((socket) => collect<Envelope>(socket, 'announcement'));
    const envelope = realtime.emitToTenant('initech', 'announcement', { text: 'hello initech' });
    for (const socket of [a1, a2, other]) await flush(socket);
    expect(received[0]).toEqual([envelope]);
    expect(received[1]).toEqual([envelope]);
    expect(received[2]).toEqual([]);
  });

  it('emitToUser reaches every tab of that user and nobody else', async () => {
    const tab1 = await connect('multi', 'acme');
    const tab2 = await connect('multi', 'acme');
    const sameIdOtherTenant = await connect('multi', 'globex');
    const colleague = await connect('colleague', 'acme');
    const received = [tab1, tab2, sameIdOtherTenant, colleague].map((socket) => collect<Envelope>(socket, 'notification'));
    realtime.emitToUser('acme', 'multi', 'notification', { title: 'assigned' });
    for (const socket of [tab1, tab2, sameIdOtherTenant, colleague]) await flush(socket);
    expect(received.map((list) => list.length)).toEqual([1, 1, 0, 0]);
    expect(received[0]![0]!.metadata).toEqual({ tenantId: 'acme', userId: 'multi' });
  });

  it('disconnectUser closes every tab of that user with session-ended, and nobody else’s', async () => {
    const tab1 = await connect('revoked', 'acme');
    const tab2 = await connect('revoked', 'acme');
    const sameIdOtherTenant = await connect('revoked', 'globex');
    const ended = [tab1, tab2].map((socket) => new Promise((resolve) => socket.once('session-ended', resolve)));
    const closed = [tab1, tab2].map((socket) => new Promise((resolve) => socket.once('disconnect', resolve)));
    realtime.disconnectUser('acme', 'revoked', 'Your access was revoked.');
    expect(await Promise.all(ended)).toEqual([
      { code: 'UNAUTHORIZED', message: 'Your access was revoked.' },
      { code: 'UNAUTHORIZED', message: 'Your access was revoked.' },
    ]);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
    await flush(sameIdOtherTenant);
    expect(sameIdOtherTenant.connected).toBe(true);
  });

  it('refuses to emit to an invalid tenant, user or room with INVALID_ROOM instead of a wildcard', () => {
    expect(() => realtime.emitToTenant('acme:*', 'announcement', {})).toThrow(expect.objectContaining({ code: 'INVALID_ROOM' }));
    expect(() => realtime.emitToUser('acme', '', 'notification', {})).toThrow(expect.objectContaining({ code: 'INVALID_ROOM' }));
    expect(() => realtime.emitToRoom('acme', 'rca', 'a:b', 'rca-updated', {})).toThrow(expect.objectContaining({ code: 'INVALID_ROOM' }));
    expect(() => realtime.emitToTenant('acme', 'connected', {})).toThrow(expect.objectContaining({ code: 'INVALID_PAYLOAD' }));
  });
});
