import type { Envelope, JoinAck } from '@tenantcast/protocol';
import { collect } from '@tenantcast/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealtimeService } from '../../src';
import { startRealtimeApp, type TestApp } from '../support/apps';
import { ClientPool, flush, request } from '../support/clients';

describe('tenant isolation (T)', () => {
  let server: TestApp;
  let realtime: RealtimeService;
  const clients = new ClientPool(() => server.url);

  beforeAll(async () => {
    server = await startRealtimeApp({ rooms: { rca: {}, plant: {} }, limits: { rateLimit: false } });
    realtime = server.app.get(RealtimeService);
  });
  afterAll(async () => {
    clients.closeAll();
    await server.close();
  });

  async function roomsOf(tenantId: string, userId: string): Promise<string[]> {
    const [socket] = await realtime.namespace.in(`tenant:${tenantId}:user:${userId}`).fetchSockets();
    return [...(socket?.rooms ?? [])].sort();
  }

  it('T1 tenant.join-foreign-room-denied: another tenant’s room by id, raw name or encoding never reaches that tenant', async () => {
    const attacker = await clients.connect('t1-a', 'acme');
    const victim = await clients.connect('t1-b', 'globex');
    await request(victim, 'join', { kind: 'rca', id: '7' });
    const before = await roomsOf('acme', 't1-a');
    for (const id of ['tenant:globex:rca:7', 'globex:rca:7', 'tenant:globex', '{globex}', 'tenant%3Aglobex%3Arca%3A7']) {
      const ack = await request<JoinAck>(attacker, 'join', { kind: 'rca', id });
      expect(ack.ok, id).toBe(id === 'tenant%3Aglobex%3Arca%3A7');
    }
    expect((await request<JoinAck>(attacker, 'join', { kind: 'rca', id: '7' })).ok && 'joined own').toBe('joined own');
    const rooms = await roomsOf('acme', 't1-a');
    expect(rooms.filter((room) => !room.startsWith('tenant:acme') && room !== attacker.id)).toEqual([]);
    expect(rooms.filter((room) => !before.includes(room)).every((room) => room.startsWith('tenant:acme:rca:'))).toBe(true);
    const received = collect<Envelope>(attacker, 'rca-updated');
    realtime.emitToRoom('globex', 'rca', '7', 'rca-updated', { secret: true });
    realtime.emitToTenant('globex', 'announcement', { secret: true });
    await flush(attacker);
    expect(received).toEqual([]);
  });

  it('T2 tenant.room-id-injection: hostile ids are refused with INVALID_ROOM or encoded injectively, never another tenant’s room or a socket id', async () => {
    const socket = await clients.connect('t2', 'acme');
    const other = await clients.connect('t2-other', 'globex');
    const hostile: unknown[] = [':', '#', '*', '?', '[a-z]', '\\', '{}', 'a\u0000b', '..', '\u202eevil', 'a\u200bb', 'x'.repeat(256), 1, '1', 'abcdefghij0123456789', other.id];
    const joined = new Map<unknown, string>();
    for (const id of hostile) {
      const ack = await request<JoinAck>(socket, 'join', { kind: 'rca', id });
      if (ack.ok) joined.set(id, ack.room);
      else expect(ack.error.code, JSON.stringify(id)).toBe('INVALID_ROOM');
    }
    expect([...joined.keys()].sort()).toEqual(['#', '..', '1', 'abcdefghij0123456789', other.id!].sort());
    const rooms = [...joined.values()];
    expect(new Set(rooms).size).toBe(rooms.length);
    for (const room of rooms) {
      expect(room.startsWith('tenant:acme:rca:')).toBe(true);
      expect(room).not.toBe(other.id);
    }
  });

  it('T3 tenant.socket-id-room-unjoinable: naming a victim’s socket id never joins its socket room', async () => {
    const victim = await clients.connect('t3-victim', 'acme');
    const attacker = await clients.connect('t3-attacker', 'acme');
    expect(await request<JoinAck>(attacker, 'join', { kind: victim.id, id: 'x' })).toMatchObject({ ok: false, error: { code: 'INVALID_ROOM' } });
    await request<JoinAck>(attacker, 'join', { kind: 'rca', id: victim.id });
    expect(await roomsOf('acme', 't3-attacker')).not.toContain(victim.id);
    const victimGot = collect(victim, 'private');
    const attackerGot = collect(attacker, 'private');
    realtime.namespace.to(victim.id!).emit('private', { only: 'victim' });
    await flush(victim);
    await flush(attacker);
    expect(victimGot).toHaveLength(1);
    expect(attackerGot).toEqual([]);
  });

  it('T4 tenant.cross-node-broadcast-and-presence-isolation (one node): same room name and user ids in two tenants, 1,000 messages each, exact counts', async () => {
    const acme = await clients.connect('u1', 'initech');
    const globex = await clients.connect('u1', 'umbrella');
    await request(acme, 'join', { kind: 'rca', id: 'general' });
    await request(globex, 'join', { kind: 'rca', id: 'general' });
    const acmeGot = collect<Envelope<{ tenant: string }>>(acme, 'msg');
    const globexGot = collect<Envelope<{ tenant: string }>>(globex, 'msg');
    for (let index = 0; index < 1_000; index += 1) {
      realtime.emitToRoom('initech', 'rca', 'general', 'msg', { tenant: 'initech' });
      realtime.emitToRoom('umbrella', 'rca', 'general', 'msg', { tenant: 'umbrella' });
    }
    await flush(acme);
    await flush(globex);
    expect(acmeGot).toHaveLength(1_000);
    expect(globexGot).toHaveLength(1_000);
    expect(acmeGot.every((envelope) => envelope.data.tenant === 'initech' && envelope.metadata.tenantId === 'initech')).toBe(true);
    expect(globexGot.every((envelope) => envelope.data.tenant === 'umbrella')).toBe(true);
    expect((await realtime.presence.inRoom('initech', 'rca', 'general')).map((member) => member.userId)).toEqual(['u1']);
    expect((await realtime.presence.online('initech')).every((member) => member.connections === 1)).toBe(true);
  });
});
