import type { ConnectedPayload, Envelope } from '@tenantcast/protocol';
import { REDIS_URL, collect, monitorRedis, nextEvent, requireRedis, waitFor } from '@tenantcast/test-support';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/clients';
import type { ClusterNode } from '../support/cluster-node';
import { RawEngineClient } from '../support/raw-engine-client';
import { TcpFailover } from '../support/tcp-failover';
import { tokenFor } from '../support/tokens';
import { Cluster } from './cluster-harness';

/** The client stays away this long, as in the issue: a short network drop. */
const DROP_MS = 2_000;
const RECOVERY_MS = 10_000;

/** socket.io-client's private session id and last offset, which a thief would replay. */
interface SessionInternals {
  _pid?: string;
  _lastOffset?: string;
}

const cases = [
  ['the in-memory adapter (one process)', 'memory'],
  ['the redis-streams adapter (two processes)', 'redis-streams'],
] as const;

describe.each(cases)('connection state recovery on %s', (_label, adapterType) => {
  const cluster = new Cluster(adapterType, REDIS_URL, { TC_RECOVERY_MS: String(RECOVERY_MS), ...(adapterType === 'memory' ? { TC_REDIS_URL: '' } : {}) });
  let a: ClusterNode;
  let b: ClusterNode;
  let proxy: TcpFailover;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    await requireRedis();
    a = await cluster.start('a');
    b = adapterType === 'memory' ? a : await cluster.start('b');
    proxy = await TcpFailover.start([a.port]);
  }, 30_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await proxy.close();
    const fatal = cluster.fatalLines();
    await cluster.close();
    expect(fatal).toEqual([]);
  });

  /** A client through the proxy that, once dropped, comes back after exactly {@link DROP_MS}. */
  async function victim(userId: string, tenantId: string): Promise<Socket> {
    const socket = io(`${proxy.url}/rca`, {
      auth: { token: tokenFor(userId, tenantId) },
      transports: ['websocket'],
      forceNew: true,
      reconnectionDelay: DROP_MS,
      reconnectionDelayMax: DROP_MS,
      randomizationFactor: 0,
    });
    sockets.push(socket);
    await nextEvent<ConnectedPayload>(socket, 'connected');
    await request(socket, 'join', { kind: 'rca', id: 'incident' });
    // One broadcast, so the client holds an offset to recover from.
    const first = nextEvent(socket, 'update');
    await a.command('emit-room', { tenant: tenantId, kind: 'rca', id: 'incident', type: 'update', n: -1 });
    await first;
    return socket;
  }

  /** Cuts the victim's transport without telling socket.io-client it was on purpose. */
  function drop(socket: Socket, reconnect: boolean): void {
    socket.io.reconnection(reconnect);
    socket.io.engine.close();
  }

  it('gives a client back its rooms and the events it missed, in order, after a 2 s drop', async () => {
    const socket = await victim('returning', 'acme');
    const updates = collect<Envelope<{ n: number }>>(socket, 'update');
    const reconnected = nextEvent<ConnectedPayload>(socket, 'connected', DROP_MS + 5_000);
    drop(socket, true);
    // Recovered on the other process when there is one: the session lives in Redis.
    proxy.route([b.port]);
    for (let n = 0; n < 5; n += 1) await a.command('emit-room', { tenant: 'acme', kind: 'rca', id: 'incident', type: 'update', n });
    const connected = await reconnected;
    expect(connected.recovered).toBe(true);
    expect(socket.recovered).toBe(true);
    await waitFor(() => updates.length === 5, 'the five missed events');
    expect(updates.map((update) => update.data.n)).toEqual([0, 1, 2, 3, 4]);
    // Still in the room without asking again.
    await b.command('emit-room', { tenant: 'acme', kind: 'rca', id: 'incident', type: 'update', n: 5 });
    await waitFor(() => updates.length === 6, 'an event after the recovery');
    proxy.route([a.port]);
  });

  it('restores nothing for a stolen session presented with no token or an expired one (S8 a, b)', async () => {
    for (const token of [undefined, tokenFor('victim', 'acme', {}, -60)]) {
      const socket = await victim('victim', 'acme');
      const { _pid: pid, _lastOffset: offset } = socket as unknown as SessionInternals;
      drop(socket, false);
      await a.command('emit-room', { tenant: 'acme', kind: 'rca', id: 'incident', type: 'update', n: 1 });
      const thief = new RawEngineClient(b.url);
      await thief.opened;
      thief.send(`40/rca,${JSON.stringify({ ...(token === undefined ? {} : { token }), pid, offset })}`);
      const refusal = await thief.waitForFrame((frame) => frame.startsWith('44/rca,'));
      expect(JSON.parse(refusal.slice('44/rca,'.length)).data.code).toBe(token === undefined ? 'UNAUTHORIZED' : 'TOKEN_EXPIRED');
      expect(thief.frames.filter((frame) => frame.startsWith('42/rca,'))).toEqual([]);
      thief.close();
    }
  });

  it('restores nothing for a stolen session presented with a valid token of another tenant or user (S8 c)', async () => {
    for (const [userId, tenantId] of [['thief', 'globex'], ['colleague', 'acme']] as const) {
      const socket = await victim('victim', 'acme');
      const { _pid: pid, _lastOffset: offset } = socket as unknown as SessionInternals;
      drop(socket, false);
      await a.command('emit-room', { tenant: 'acme', kind: 'rca', id: 'incident', type: 'update', n: 1 });
      const thief = io(`${b.url}/rca`, { auth: { token: tokenFor(userId, tenantId), pid, offset }, transports: ['websocket'], forceNew: true, reconnection: false });
      sockets.push(thief);
      const updates = collect(thief, 'update');
      const connected = await nextEvent<ConnectedPayload>(thief, 'connected');
      expect(connected.recovered).toBe(false);
      expect(thief.recovered).toBe(false);
      expect(connected.user).toMatchObject({ userId, tenantId });
      await a.command('emit-room', { tenant: 'acme', kind: 'rca', id: 'incident', type: 'update', n: 2 });
      await request(thief, 'leave', { kind: 'rca', id: 'flush' });
      expect(updates).toEqual([]);
      thief.close();
    }
  });

});

describe('connection state recovery with the redis-streams adapter and Redis watched', () => {
  const cluster = new Cluster('redis-streams', REDIS_URL, { TC_RECOVERY_MS: String(RECOVERY_MS) });
  let node: ClusterNode;

  beforeAll(async () => {
    await requireRedis();
    node = await cluster.start('a');
  }, 30_000);
  afterAll(async () => {
    const fatal = cluster.fatalLines();
    await cluster.close();
    expect(fatal).toEqual([]);
  });

  it('persists and restores sessions without the token or the cookie ever reaching Redis (S10)', async () => {
    const monitor = await monitorRedis(REDIS_URL);
    const { lines } = monitor;
    const token = tokenFor('persisted', 'acme');
    const cookie = 'session=persisted-cookie-value';
    const socket = io(`${node.url}/rca`, { auth: { token }, extraHeaders: { cookie }, transports: ['websocket'], forceNew: true, reconnectionDelay: 100, randomizationFactor: 0 });
    try {
      await nextEvent<ConnectedPayload>(socket, 'connected');
      await request(socket, 'join', { kind: 'rca', id: 'incident' });
      const first = nextEvent(socket, 'update');
      await node.command('emit-room', { tenant: 'acme', kind: 'rca', id: 'incident', type: 'update', n: 0 });
      await first;
      const reconnected = nextEvent<ConnectedPayload>(socket, 'connected', 5_000);
      socket.io.engine.close();
      expect((await reconnected).recovered).toBe(true);
      await waitFor(() => lines.some((line) => line.includes(':session:')), 'the session to be persisted and restored through Redis');
      expect(lines.filter((line) => line.includes(token) || line.includes(token.split('.')[2]!.slice(0, 16)) || line.includes('persisted-cookie'))).toEqual([]);
    } finally {
      socket.close();
      monitor.stop();
    }
  });
});
