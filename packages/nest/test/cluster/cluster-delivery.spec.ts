import { randomUUID } from 'node:crypto';
import type { Envelope, PresenceChangePayload, PresenceMember, RoomMemberPayload, RoomPayload } from '@tenantcast/protocol';
import { REDIS_URL, collect, monitorRedis, nextEvent, requireRedis, waitFor } from '@tenantcast/test-support';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, request } from '../support/clients';
import type { ClusterNode } from '../support/cluster-node';
import { tokenFor } from '../support/tokens';
import { ADAPTER_TYPES, Cluster } from './cluster-harness';

type Message = Envelope<{ n: number; from: string }>;

describe.each(ADAPTER_TYPES)('three processes on the %s adapter', (adapterType) => {
  const cluster = new Cluster(adapterType, REDIS_URL, { TC_ALLOW_QUERY_TOKEN: '1' });
  let a: ClusterNode;
  let b: ClusterNode;
  let c: ClusterNode;

  beforeAll(async () => {
    await requireRedis();
    [a, b, c] = await Promise.all([cluster.start('a'), cluster.start('b'), cluster.start('c')]);
  }, 30_000);
  afterAll(async () => {
    const fatal = cluster.fatalLines();
    await cluster.close();
    expect(fatal).toEqual([]);
  });

  /** Waits until every socket received at least the events it should. */
  async function settle(received: Map<Socket, Message[]>, expected: (socket: Socket) => number, what: string): Promise<void> {
    await waitFor(() => [...received].every(([socket, messages]) => messages.length >= expected(socket)), what, 15_000);
  }

  it('delivers room, user and tenant events to exactly the right sockets on every process, and never across tenants (T4)', async () => {
    const nodes = [a, b, c];
    const sockets: Array<{ socket: Socket; tenant: string; user: string }> = [];
    for (const tenant of ['acme', 'globex']) {
      for (const node of nodes) {
        for (const user of ['u1', 'u1', 'u2']) sockets.push({ socket: await cluster.connect(node, user, tenant, user === 'u1' ? ['general'] : []), tenant, user });
      }
    }
    const roomEvents = new Map(sockets.map(({ socket }) => [socket, collect<Message>(socket, 'room-msg')]));
    const userEvents = new Map(sockets.map(({ socket }) => [socket, collect<Message>(socket, 'user-msg')]));
    const tenantEvents = new Map(sockets.map(({ socket }) => [socket, collect<Message>(socket, 'tenant-msg')]));
    const tenantOf = new Map(sockets.map(({ socket, tenant }) => [socket, tenant]));
    const userOf = new Map(sockets.map(({ socket, user }) => [socket, user]));
    const COUNT = 1_000;

    await Promise.all([
      a.command('emit-many', { tenant: 'acme', kind: 'rca', id: 'general', type: 'room-msg', count: COUNT }),
      b.command('emit-many', { tenant: 'globex', kind: 'rca', id: 'general', type: 'room-msg', count: COUNT }),
      c.command('emit-user', { tenant: 'acme', user: 'u1', type: 'user-msg', n: 1 }),
      a.command('emit-tenant', { tenant: 'globex', type: 'tenant-msg', n: 1 }),
    ]);
    await settle(roomEvents, (socket) => (userOf.get(socket) === 'u1' ? COUNT : 0), 'every room member to receive its tenant’s 1,000 room events');
    await settle(userEvents, (socket) => (tenantOf.get(socket) === 'acme' && userOf.get(socket) === 'u1' ? 1 : 0), 'acme/u1 to receive the user event');
    await settle(tenantEvents, (socket) => (tenantOf.get(socket) === 'globex' ? 1 : 0), 'globex to receive the tenant event');
    // Round trips through each socket's own process after the last expected event: nothing else is in flight to it.
    await Promise.all(sockets.map(({ socket }) => request(socket, 'leave', { kind: 'rca', id: 'flush' })));

    for (const { socket, tenant, user } of sockets) {
      const room = roomEvents.get(socket)!;
      expect(room).toHaveLength(user === 'u1' ? COUNT : 0);
      expect(room.every((message) => message.metadata.tenantId === tenant)).toBe(true);
      expect(room.map((message) => message.data.n)).toEqual(user === 'u1' ? Array.from({ length: COUNT }, (_, n) => n) : []);
      expect(userEvents.get(socket)!.map((message) => message.metadata)).toEqual(tenant === 'acme' && user === 'u1' ? [{ tenantId: 'acme', userId: 'u1' }] : []);
      expect(tenantEvents.get(socket)!.map((message) => message.metadata.tenantId)).toEqual(tenant === 'globex' ? ['globex'] : []);
    }
    for (const { socket } of sockets) socket.close();
  });

  it('answers presence and connection counts for the whole cluster, per tenant', async () => {
    await cluster.connect(a, 'pia', 'initech', ['7']);
    await cluster.connect(b, 'pia', 'initech', ['7']);
    await cluster.connect(c, 'quinn', 'initech');
    await cluster.connect(c, 'pia', 'hooli');
    for (const node of [a, b, c]) {
      const online = await node.command<PresenceMember[]>('online', { tenant: 'initech' });
      expect(online.map((member) => [member.userId, member.connections]).sort()).toEqual([['pia', 2], ['quinn', 1]]);
      expect(await node.command('connections', { tenant: 'initech' })).toEqual({ connections: 3 });
    }
  });

  it('announces each first and last connection once across the cluster, through the adapter', async () => {
    const watcher = await cluster.connect(a, 'watcher', 'umbrella');
    await request(watcher, 'presence-subscribe');
    const online = collect<PresenceChangePayload>(watcher, 'presence-online');
    const offline = collect<PresenceChangePayload>(watcher, 'presence-offline');
    const tab1 = await cluster.connect(b, 'roamer', 'umbrella');
    const tab2 = await cluster.connect(c, 'roamer', 'umbrella');
    await waitFor(() => online.some((change) => change.userId === 'roamer'), 'presence-online');
    tab1.close();
    tab2.close();
    await waitFor(() => offline.length >= 1, 'presence-offline');
    await request(watcher, 'presence-subscribe');
    // The watcher's own announcement may still be on its way when it subscribes; only the roamer's count.
    expect(online.filter((change) => change.userId === 'roamer')).toHaveLength(1);
    expect(offline.map((change) => change.userId)).toEqual(['roamer']);
  });

  it('disconnects every connection of a user on every process with disconnectUser', async () => {
    const tabs = [await cluster.connect(a, 'revoked', 'acme'), await cluster.connect(b, 'revoked', 'acme'), await cluster.connect(c, 'revoked', 'acme')];
    const bystander = await cluster.connect(b, 'kept', 'acme');
    const ended = tabs.map((tab) => nextEvent<{ code: string }>(tab, 'session-ended'));
    const closed = tabs.map((tab) => nextEvent<string>(tab, 'disconnect'));
    await c.command('disconnect-user', { tenant: 'acme', user: 'revoked' });
    expect((await Promise.all(ended)).map((payload) => payload.code)).toEqual(['UNAUTHORIZED', 'UNAUTHORIZED', 'UNAUTHORIZED']);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect', 'io server disconnect']);
    expect(bystander.connected).toBe(true);
  });

  it('joins every connection of a user on every process to a room with joinUser, with presence and one user-joined', async () => {
    const member = await cluster.connect(c, 'member', 'acme', ['assigned']);
    const joinedEvents = collect<RoomMemberPayload>(member, 'user-joined');
    const leftEvents = collect<RoomMemberPayload>(member, 'user-left');
    const tabs = [await cluster.connect(a, 'assignee', 'acme'), await cluster.connect(b, 'assignee', 'acme')];
    const roomJoined = tabs.map((tab) => nextEvent<RoomPayload>(tab, 'room-joined'));
    expect(await c.command('join-user', { tenant: 'acme', user: 'assignee', kind: 'rca', id: 'assigned' })).toEqual({ joined: 2 });
    expect((await Promise.all(roomJoined)).map((payload) => payload.room)).toEqual(['tenant:acme:rca:assigned', 'tenant:acme:rca:assigned']);
    const inRoom = await a.command<PresenceMember[]>('online', { tenant: 'acme' });
    expect(inRoom.find((entry) => entry.userId === 'assignee')?.connections).toBe(2);
    const received = tabs.map((tab) => nextEvent<Message>(tab, 'rca-updated'));
    await b.command('emit-room', { tenant: 'acme', kind: 'rca', id: 'assigned', type: 'rca-updated', n: 1 });
    expect((await Promise.all(received)).map((message) => message.metadata.room)).toEqual(['tenant:acme:rca:assigned', 'tenant:acme:rca:assigned']);
    await waitFor(() => joinedEvents.length >= 1, 'user-joined');

    expect(await a.command('leave-user', { tenant: 'acme', user: 'assignee', kind: 'rca', id: 'assigned' })).toEqual({ left: 2 });
    await waitFor(() => leftEvents.length >= 1, 'user-left');
    await request(member, 'leave', { kind: 'rca', id: 'flush' });
    expect(joinedEvents.map((event) => event.userId)).toEqual(['assignee']);
    expect(leftEvents.map((event) => event.userId)).toEqual(['assignee']);
  });

  it('never ships a token or a cookie over Redis: not on connect, broadcast or fetchSockets (S10)', async () => {
    const monitor = await monitorRedis(REDIS_URL);
    const { lines } = monitor;
    try {
      const token = tokenFor('secretive', 'acme');
      const queryToken = tokenFor('secretive', 'acme');
      const cookie = `session=${randomUUID()}`;
      const { socket } = await connectClient(b.url, '/rca', token, { extraHeaders: { cookie, 'user-agent': 'S10-agent' } });
      // Allowed on these processes (TC_ALLOW_QUERY_TOKEN): the token is then in the handshake's URL too.
      const { socket: fromQuery } = await connectClient(c.url, '/rca', undefined, { query: { token: queryToken } });
      await request(socket, 'join', { kind: 'rca', id: 'watched' });
      await a.command('emit-room', { tenant: 'acme', kind: 'rca', id: 'watched', type: 'rca-updated', n: 1 });
      const fetched = await a.command<Array<{ user: { userId: string }; headers: Record<string, string>; url: string }>>('fetch-sockets', { room: 'tenant:acme:user:secretive' });
      expect(fetched.map((entry) => entry.user.userId)).toEqual(['secretive', 'secretive']);
      // What the other processes sent: the cookie is gone, the rest of the handshake is there.
      const fromB = fetched.find((entry) => entry.headers['user-agent'] === 'S10-agent');
      expect(fromB?.headers.cookie).toBeUndefined();
      expect(fetched.map((entry) => entry.url).every((url) => url.startsWith('/socket.io/?') && !url.includes('token='))).toBe(true);
      socket.close();
      fromQuery.close();
      await waitFor(() => lines.some((line) => line.includes('watched')) && lines.some((line) => line.includes('S10-agent')), 'the broadcast and the fetchSockets answer to show in MONITOR', 5_000);
      const secrets = [token, queryToken].flatMap((secret) => [secret, secret.split('.')[2]!.slice(0, 16)]);
      expect(lines.filter((line) => secrets.some((secret) => line.includes(secret)) || line.includes(cookie.slice('session='.length)))).toEqual([]);
    } finally {
      monitor.stop();
    }
  });
});
