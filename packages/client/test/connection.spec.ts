import type { Envelope } from '@tenantcast/protocol';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { isRealtimeClientError, RealtimeClientError } from '../src/index';
import { ALICE, BOB, closeClients, makeClient } from './support/clients';
import { CommentsGateway } from './support/comments.gateway';
import { startTestServer, type TestServer } from './support/test-server';
import { nextEvent, waitForStatus } from './support/wait';
import { waitFor } from '@tenantcast/test-support';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    rooms: { rca: { authorize: (_user, id) => id !== 'secret' }, plant: {} },
    providers: [CommentsGateway],
  });
});
afterEach(() => closeClients());
afterAll(() => server.close());

describe('connecting', () => {
  it('goes idle → connecting → connected with the user and the server settings', async () => {
    const client = makeClient(server, ALICE, { autoConnect: false });
    expect(client.status.getSnapshot()).toEqual({ type: 'idle' });
    client.connect();
    expect(client.status.getSnapshot().type).toBe('connecting');
    const status = await waitForStatus(client, 'connected');
    expect(status.user).toMatchObject({ userId: 'alice', tenantId: 'acme', role: 'engineer' });
    expect(status.server).toMatchObject({ namespace: '/realtime', roomKinds: ['rca', 'plant'], protocolVersion: 1 });
    expect(status.tokenExpiresAt).toBeGreaterThan(Date.now());
    expect(status.transport).toBe('websocket');
    expect(status.lastError).toBeUndefined();
    client.close();
    expect(client.status.getSnapshot()).toEqual({ type: 'idle' });
    await waitFor(() => server.connectedSockets() === 0, 'the server sees the socket go');
  });
});

describe('a server that is not Tenantcast', () => {
  it('gives up on a namespace that never confirms the connection, instead of waiting forever', async () => {
    const http = createServer();
    const bare = new Server(http);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      let connections = 0;
      bare.on('connection', () => {
        connections += 1;
      });
      const maxAttempts = 2;
      const client = makeClient({ url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, namespace: '/' }, ALICE, {
        requestTimeoutMs: 100,
        reconnection: { delayMs: 20, maxDelayMs: 20, jitter: 0, maxAttempts },
      });
      const offline = await waitForStatus(client, 'offline');
      expect(offline.lastError).toMatchObject({ code: 'TIMEOUT' });
      expect(offline.lastError?.message).toMatch(/did not confirm the connection/);
      expect(connections).toBe(1 + maxAttempts);
    } finally {
      closeClients();
      await new Promise((resolve) => bare.close(resolve));
    }
  });
});

describe('typed events', () => {
  it('delivers application events as envelopes to the rooms, users and tenants they target', async () => {
    const client = makeClient(server);
    await waitForStatus(client, 'connected');
    const room = await client.join('rca', '42');
    expect(room.room).toBe('tenant:acme:rca:42');

    const fromRoom = nextEvent<Envelope<{ rcaId: string; status: 'open' | 'closed' }>>((handler) => client.on('rca-updated', handler));
    server.realtime.emitToRoom('acme', 'rca', '42', 'rca-updated', { rcaId: '42', status: 'closed' });
    expect(await fromRoom).toMatchObject({ type: 'rca-updated', data: { rcaId: '42', status: 'closed' }, metadata: { tenantId: 'acme', room: 'tenant:acme:rca:42' } });

    const toUser = nextEvent<Envelope<{ title: string }>>((handler) => client.once('notification', handler));
    server.realtime.emitToUser('acme', 'alice', 'notification', { title: 'Hi Alice' });
    expect((await toUser).data).toEqual({ title: 'Hi Alice' });

    const seen: string[] = [];
    const stop = client.on('notification', (envelope) => seen.push(envelope.data.title));
    const toTenant = nextEvent<Envelope<{ title: string }>>((handler) => client.on('notification', handler));
    server.realtime.emitToTenant('acme', 'notification', { title: 'All hands' });
    await toTenant;
    stop();
    server.realtime.emitToTenant('acme', 'notification', { title: 'After off' });
    const afterOff = nextEvent<Envelope<{ title: string }>>((handler) => client.on('notification', handler));
    expect((await afterOff).data.title).toBe('After off');
    expect(seen).toEqual(['All hands']);
    await room.leave();
  });

  it("resolves a request with the app gateway's acknowledgement, and rejects its refusal with the code", async () => {
    const client = makeClient(server);
    await waitForStatus(client, 'connected');
    const ack = await client.request('add-comment', { rcaId: '42', text: 'Found it' });
    expect(ack).toEqual({ ok: true, id: 'alice-1' });
    const refused = await client.request('add-comment', { rcaId: '42', text: '' }).catch((e: unknown) => e);
    expect(isRealtimeClientError(refused)).toBe(true);
    expect(refused).toMatchObject({ code: 'INVALID_PAYLOAD', message: 'text must be a non-empty string' });
  });

  it('rejects a request that is not acknowledged with TIMEOUT, and a closed connection with DISCONNECTED', async () => {
    const client = makeClient(server);
    await waitForStatus(client, 'connected');
    const timeout = 200;
    // No handler on the server for this event: no acknowledgement ever comes.
    const error = await client.request('never-acked', undefined, { timeout }).catch((e: unknown) => e);
    expect(isRealtimeClientError(error)).toBe(true);
    expect(error).toMatchObject({ code: 'TIMEOUT' });

    const before = server.received('never-acked');
    const pending = client.request('never-acked', undefined, { timeout: 30_000 }).catch((e: unknown) => e);
    await waitFor(() => server.received('never-acked') === before + 1, 'the server receives the second request');
    server.realtime.namespace.disconnectSockets(true);
    expect(await pending).toMatchObject({ code: 'DISCONNECTED' });
  });

  it('refuses to send system events by hand', async () => {
    const client = makeClient(server, ALICE, { autoConnect: false });
    // @ts-expect-error system events are not part of the client event map
    expect(() => client.emit('join', { kind: 'rca', id: '1' })).toThrow(/system event/);
  });
});

describe('rooms', () => {
  it('counts references: two joins of one room make one server join, left after both leave', async () => {
    const client = makeClient(server);
    await waitForStatus(client, 'connected');
    const joinsBefore = server.received('join');
    const leavesBefore = server.received('leave');
    const [first, second] = await Promise.all([client.join('plant', 'p1'), client.join('plant', 'p1')]);
    expect(first.room).toBe('tenant:acme:plant:p1');
    expect(second.room).toBe(first.room);
    expect(server.received('join') - joinsBefore).toBe(1);
    expect((await server.realtime.presence.inRoom('acme', 'plant', 'p1')).map((m) => m.userId)).toEqual(['alice']);

    await first.leave();
    await first.leave();
    expect(server.received('leave') - leavesBefore).toBe(0);
    await second.leave();
    await waitFor(() => server.received('leave') - leavesBefore === 1, 'one leave reaches the server');
    await waitFor(async () => (await server.realtime.presence.inRoom('acme', 'plant', 'p1')).length === 0, 'the room is empty');
  });

  it('rejects a refused join with the server code and an invalid one before sending it', async () => {
    const client = makeClient(server);
    await waitForStatus(client, 'connected');
    await expect(client.join('rca', 'secret')).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(client.join('unknown-kind', '1')).rejects.toMatchObject({ code: 'INVALID_ROOM' });
    const joins = server.received('join');
    await expect(client.join('rca', 'a:b')).rejects.toBeInstanceOf(RealtimeClientError);
    expect(server.received('join')).toBe(joins);
  });

  it('keeps room members current from user-joined / user-left', async () => {
    const alice = makeClient(server, ALICE);
    const room = await alice.join('rca', 'members');
    expect(room.presence.getSnapshot().map((m) => m.userId)).toEqual(['alice']);
    const bob = makeClient(server, BOB);
    const bobRoom = await bob.join('rca', 'members');
    await waitFor(() => room.presence.getSnapshot().length === 2, 'alice sees bob join');
    expect(room.presence.getSnapshot().map((m) => m.userId).sort()).toEqual(['alice', 'bob']);
    await bobRoom.leave();
    await waitFor(() => room.presence.getSnapshot().length === 1, 'alice sees bob leave');
    expect(room.state.getSnapshot()).toMatchObject({ status: 'joined', room: 'tenant:acme:rca:members' });
  });

  it('waits for connect() when joined before connecting, and rejects if the client is closed first', async () => {
    const client = makeClient(server, ALICE, { autoConnect: false });
    const joined = client.join('rca', 'early');
    client.connect();
    expect((await joined).room).toBe('tenant:acme:rca:early');

    const other = makeClient(server, BOB, { autoConnect: false });
    const pending = other.join('rca', 'never');
    other.connect();
    other.close();
    await expect(pending).rejects.toMatchObject({ code: 'DISCONNECTED' });
  });
});

describe('tenant presence', () => {
  it('starts from the server list, then follows online/offline changes without polling', async () => {
    const alice = makeClient(server, ALICE);
    await waitForStatus(alice, 'connected');
    const online = alice.presence('tenant');
    await waitFor(() => online.getSnapshot().status === 'subscribed', 'the presence list arrives');
    expect(online.getSnapshot().members.map((m) => m.userId)).toContain('alice');
    expect(server.received('presence-subscribe')).toBeGreaterThanOrEqual(1);

    const bob = makeClient(server, { sub: 'carol', tenantId: 'acme' });
    await waitFor(() => online.getSnapshot().members.some((m) => m.userId === 'carol'), 'alice sees carol come online');
    bob.close();
    await waitFor(() => !online.getSnapshot().members.some((m) => m.userId === 'carol'), 'alice sees carol go offline');

    const unsubscribes = server.received('presence-unsubscribe');
    await online.release();
    await waitFor(() => server.received('presence-unsubscribe') === unsubscribes + 1, 'the subscription ends on the server');
  });

  it('never shows another tenant', async () => {
    const alice = makeClient(server, ALICE);
    const online = alice.presence();
    await waitFor(() => online.getSnapshot().status === 'subscribed', 'the presence list arrives');
    const stranger = makeClient(server, { sub: 'mallory', tenantId: 'globex' });
    await waitForStatus(stranger, 'connected');
    const strangerOnline = stranger.presence();
    await waitFor(() => strangerOnline.getSnapshot().status === 'subscribed', 'the stranger list arrives');
    expect(strangerOnline.getSnapshot().members.map((m) => m.userId)).toEqual(['mallory']);
    expect(online.getSnapshot().members.some((m) => m.userId === 'mallory')).toBe(false);
  });
});
