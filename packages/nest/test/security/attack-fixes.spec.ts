import { Logger } from '@nestjs/common';
import type { Envelope, JoinAck, RoomLostPayload, RoomMemberPayload } from '@tenantcast/protocol';
import { REDIS_URL, collect, deleteKeys, nextEvent, requireRedis, sleep, uniquePrefix, waitFor } from '@tenantcast/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealtimeError, RealtimeService } from '../../src';
import { connectClient, expectConnectError, flush, request } from '../support/clients';
import { RawEngineClient } from '../support/raw-engine-client';
import { tokenFor } from '../support/tokens';
import { startLoggedApp, type LoggedApp } from './support';

const CONNECT_TIMEOUT = 400;
const SCHEDULING_SLACK = 400;

describe('fixes of the attacks on examples/nest-rca', () => {
  let server: LoggedApp;
  let realtime: RealtimeService;

  beforeAll(async () => {
    server = await startLoggedApp({
      connectTimeout: CONNECT_TIMEOUT,
      limits: { maxRoomsPerSocket: 3, rateLimit: false },
      rooms: {
        rca: { authorize: (user, id) => user.role !== 'viewer' || (Array.isArray(user.rcaIds) && user.rcaIds.includes(id)) },
        plant: {},
      },
    });
    realtime = server.app.get(RealtimeService);
  });
  afterAll(() => server.close());

  it('fix 1: a raw CONNECT to the default namespace / is refused with FORBIDDEN and the connection is closed after connectTimeout', async () => {
    const raw = new RawEngineClient(server.url);
    await raw.opened;
    raw.send('40');
    const refusal = await raw.waitForFrame((frame) => frame.startsWith('44'));
    expect(JSON.parse(refusal.slice(2))).toMatchObject({ message: 'Refused', data: { code: 'FORBIDDEN' } });
    const sentAt = Date.now();
    const closedAt = await raw.closed;
    expect(closedAt - sentAt).toBeLessThanOrEqual(CONNECT_TIMEOUT + SCHEDULING_SLACK);
    expect(realtime.namespace.server.of('/').sockets.size).toBe(0);
  });

  it('fix 1: any other namespace of the server authenticates', async () => {
    const other = realtime.namespace.server.of('/other');
    expect((await expectConnectError(server.url, '/other', undefined)).data?.code).toBe('UNAUTHORIZED');
    const { socket } = await new Promise<{ socket: ReturnType<typeof import('socket.io-client').io> }>((resolve, reject) => {
      void import('socket.io-client').then(({ io }) => {
        const client = io(`${server.url}/other`, { auth: { token: tokenFor('elsewhere', 'acme') }, transports: ['websocket'], forceNew: true, reconnection: false });
        client.once('connect', () => resolve({ socket: client }));
        client.once('connect_error', reject);
      });
    });
    expect([...other.sockets.values()].map((s) => s.data.user?.userId)).toEqual(['elsewhere']);
    socket.close();
  });

  it('fix 2: a refresh with a token that no longer allows a room takes the socket out of it (room-lost, user-left, no more events)', async () => {
    const { socket } = await connectClient(server.url, '/rca', tokenFor('downgraded', 'acme', { role: 'engineer' }));
    const { socket: watcher } = await connectClient(server.url, '/rca', tokenFor('watcher', 'acme'));
    await request(watcher, 'join', { kind: 'rca', id: '42' });
    expect(await request<JoinAck>(socket, 'join', { kind: 'rca', id: '42' })).toMatchObject({ ok: true });
    expect(await request<JoinAck>(socket, 'join', { kind: 'plant', id: 'p1' })).toMatchObject({ ok: true });
    const lost = nextEvent<RoomLostPayload>(socket, 'room-lost');
    const left = nextEvent<RoomMemberPayload>(watcher, 'user-left');
    const ack = await request(socket, 'refresh-token', { token: tokenFor('downgraded', 'acme', { role: 'viewer', rcaIds: [] }) });
    expect(ack).toMatchObject({ ok: true });
    expect(await lost).toEqual({ room: 'tenant:acme:rca:42', kind: 'rca', id: '42', code: 'FORBIDDEN', message: expect.stringContaining('42') });
    expect(await left).toMatchObject({ room: 'tenant:acme:rca:42', userId: 'downgraded' });
    const received = collect<Envelope>(socket, 'rca-updated');
    realtime.emitToRoom('acme', 'rca', '42', 'rca-updated', { after: 'downgrade' });
    await flush(socket);
    expect(received).toEqual([]);
    const [serverSocket] = await realtime.namespace.in('tenant:acme:user:downgraded').fetchSockets();
    expect(serverSocket?.rooms.has('tenant:acme:plant:p1')).toBe(true);
    expect(await realtime.presence.inRoom('acme', 'rca', '42')).toEqual([expect.objectContaining({ userId: 'watcher' })]);
    socket.close();
    watcher.close();
  });

  it('fix 3: client values in log lines are quoted, so no join can forge a line or a terminal escape', async () => {
    Logger.overrideLogger(server.logger);
    const { socket } = await connectClient(server.url, '/rca', tokenFor('forger', 'acme'));
    for (const kind of ['\nFORGED LOG [Realtime] Connected', '\u001b[31mred\u001b[0m', 'rca\r\n[Realtime] Joined room=tenant:globex:rca:1', '\u009b2J']) {
      expect(await request<JoinAck>(socket, 'join', { kind, id: '1' })).toMatchObject({ ok: false, error: { code: 'INVALID_ROOM' } });
    }
    await request(socket, 'join', { kind: { toString: 'x' }, id: '1' });
    socket.close();
    const refusals = server.logger.lines.filter((line) => line.includes('Refused join'));
    expect(refusals.length).toBeGreaterThanOrEqual(5);
    expect(refusals.some((line) => line.includes('"\\nFORGED LOG [Realtime] Connected"'))).toBe(true);
    for (const line of server.logger.lines) expect(line).not.toMatch(/[\n\r\u001b\u009b]/);
  });

  it('fix 4: the emit helpers refuse payloads they cannot encode with a RealtimeError, never a RangeError, and send nothing', async () => {
    let deep: unknown = 'leaf';
    for (let level = 0; level < 45_000; level += 1) deep = [deep];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const { socket } = await connectClient(server.url, '/rca', tokenFor('receiver', 'acme'));
    await request(socket, 'join', { kind: 'rca', id: 'deep' });
    const received = collect<Envelope>(socket, 'rca-updated');
    for (const [data, code] of [
      [deep, 'INVALID_PAYLOAD'],
      [cyclic, 'INVALID_PAYLOAD'],
      [{ big: 1n }, 'INVALID_PAYLOAD'],
      [{ blob: 'x'.repeat(1_048_577) }, 'PAYLOAD_TOO_LARGE'],
    ] as const) {
      let thrown: unknown;
      try {
        realtime.emitToRoom('acme', 'rca', 'deep', 'rca-updated', data);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(RealtimeError);
      expect((thrown as RealtimeError).code).toBe(code);
    }
    realtime.emitToRoom('acme', 'rca', 'deep', 'rca-updated', { fine: true });
    await flush(socket);
    expect(received.map((envelope) => envelope.data)).toEqual([{ fine: true }]);
    socket.close();
  });

  it('caps the resource rooms of one socket with ROOM_LIMIT; rejoining a room it is in still works', async () => {
    const { socket } = await connectClient(server.url, '/rca', tokenFor('collector', 'acme'));
    for (const id of ['1', '2', '3']) expect((await request<JoinAck>(socket, 'join', { kind: 'plant', id })).ok).toBe(true);
    expect(await request<JoinAck>(socket, 'join', { kind: 'plant', id: '4' })).toMatchObject({ ok: false, error: { code: 'ROOM_LIMIT' } });
    expect((await request<JoinAck>(socket, 'join', { kind: 'plant', id: '3' })).ok).toBe(true);
    await request(socket, 'leave', { kind: 'plant', id: '1' });
    expect((await request<JoinAck>(socket, 'join', { kind: 'plant', id: '4' })).ok).toBe(true);
    socket.close();
  });
});

describe('fix 5: a client that disconnects in the middle of a join (Redis presence) is a debug line, not an ERROR', () => {
  const prefix = uniquePrefix('join-abandoned');
  /** Users whose join reached the authorize hook, so the test closes the socket in the middle of it. */
  const authorizing = new Set<string>();
  let server: LoggedApp;

  beforeAll(async () => {
    await requireRedis();
    server = await startLoggedApp({
      presence: { store: 'redis', url: REDIS_URL, keyPrefix: prefix },
      rooms: {
        rca: {
          authorize: async (user) => {
            authorizing.add(user.userId);
            await sleep(200);
            return true;
          },
        },
      },
    });
  });
  afterAll(async () => {
    await server?.close();
    await deleteKeys(prefix);
  });

  it('logs no error and no stack when the socket leaves while its join waits for authorize', async () => {
    Logger.overrideLogger(server.logger);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const { socket } = await connectClient(server.url, '/rca', tokenFor(`leaver-${attempt}`, 'acme'));
      socket.emit('join', { kind: 'rca', id: '1' }, () => undefined);
      await waitFor(() => authorizing.has(`leaver-${attempt}`), 'the join to reach authorize');
      socket.close();
    }
    await waitFor(() => server.logger.lines.filter((line) => line.includes('Abandoned join')).length === 5, 'five abandoned joins', 3_000);
    expect(server.logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
    expect(server.logger.entries.filter((entry) => entry.line.includes('Abandoned join')).every((entry) => entry.level === 'debug' && !entry.line.includes('\n'))).toBe(true);
  });
});

