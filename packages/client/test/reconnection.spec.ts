import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeClientError, ReconnectingStatus } from '../src/index';
import { ALICE, closeClients, makeClient } from './support/clients';
import { startTestServer, type TestServer } from './support/test-server';
import { recordStatuses, waitForStatus } from './support/wait';
import type { ErrorPayload } from '@tenantcast/protocol';
import { nextEvent, waitFor } from '@tenantcast/test-support';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(() => closeClients());
afterAll(() => server.close());

describe('reconnection against a real server', () => {
  it('reconnects after the server restarts on the same port and joins its rooms again', async () => {
    const client = makeClient(server, ALICE, { reconnection: { delayMs: 100, maxDelayMs: 400, jitter: 0, maxAttempts: Infinity } });
    await waitForStatus(client, 'connected');
    const rca = await client.join('rca', '7');
    const plant = client.room('plant', 'berlin');
    const online = client.presence('tenant');
    await waitFor(() => plant.getSnapshot().status === 'joined' && online.getSnapshot().status === 'subscribed', 'the plant room and presence are ready');
    const recorder = recordStatuses(client);
    const port = server.port;

    await server.stop();
    await waitForStatus(client, 'reconnecting');
    expect(rca.state.getSnapshot().status).toBe('joining');
    await server.restart();
    expect(server.port).toBe(port);

    const status = await waitForStatus(client, 'connected');
    await waitFor(
      () => rca.state.getSnapshot().status === 'joined' && plant.getSnapshot().status === 'joined' && online.getSnapshot().status === 'subscribed',
      'both rooms are joined again and presence is renewed',
    );
    expect(server.received('presence-subscribe')).toBeGreaterThanOrEqual(2);
    expect(online.getSnapshot().members.map((m) => m.userId)).toContain('alice');
    recorder.stop();
    expect(status.user.userId).toBe('alice');
    // The new server knows the memberships only because the client joined again.
    expect((await server.realtime.presence.inRoom('acme', 'rca', '7')).map((m) => m.userId)).toEqual(['alice']);
    expect((await server.realtime.presence.inRoom('acme', 'plant', 'berlin')).map((m) => m.userId)).toEqual(['alice']);
    // Events to the room reach the client again.
    const received = new Promise((resolve) => client.once('rca-updated', resolve));
    server.realtime.emitToRoom('acme', 'rca', '7', 'rca-updated', { rcaId: '7', status: 'open' });
    await received;
    const types = recorder.statuses.map((s) => s.type);
    expect(types[0]).toBe('connected');
    expect(types).toContain('reconnecting');
    expect(types.at(-1)).toBe('connected');
    // app.close() is a graceful shutdown: the server said why before it closed the transport.
    expect(recorder.statuses.find((s) => s.type === 'reconnecting')?.lastError?.code).toBe('SERVER_SHUTDOWN');
    await plant.release();
    await online.release();
  });

  it("shows the server's reason after a graceful shutdown: reconnecting with SERVER_SHUTDOWN and its message, then connected to the restarted server", async () => {
    const client = makeClient(server, ALICE, { reconnection: { delayMs: 100, maxDelayMs: 400, jitter: 0, maxAttempts: Infinity } });
    await waitForStatus(client, 'connected');
    const announced = nextEvent<ErrorPayload>(client.socket, 'session-ended');
    const recorder = recordStatuses(client);

    await server.stop();
    const ended = await announced;
    expect(ended.code).toBe('SERVER_SHUTDOWN');
    const lost = await waitForStatus(client, 'reconnecting');
    expect(lost).toMatchObject({ attempt: 1, lastError: { code: 'SERVER_SHUTDOWN', message: ended.message } });
    expect(lost.lastError?.message).not.toMatch(/connection was lost/);
    await server.restart();
    await waitForStatus(client, 'connected');
    recorder.stop();

    // The first status after the close says why it closed; attempts that then find the server down say so.
    expect(recorder.statuses.map((status) => status.type).slice(0, 2)).toEqual(['connected', 'reconnecting']);
    expect(recorder.statuses[1]).toBe(lost);
    expect(recorder.statuses.at(-1)?.type).toBe('connected');
  });

  it('waits delayMs × 2^(n−1), capped at maxDelayMs, between attempts (jitter 0, real clock)', async () => {
    const reconnection = { delayMs: 100, maxDelayMs: 400, jitter: 0, maxAttempts: 6 };
    const expected = [100, 200, 400, 400, 400, 400];
    const client = makeClient(server, ALICE, { reconnection });
    await waitForStatus(client, 'connected');
    const attempts: number[] = [];
    client.socket.io.on('reconnect_attempt', () => attempts.push(performance.now()));
    const recorder = recordStatuses(client);
    let lostAt = Number.NaN;
    client.socket.once('disconnect', () => {
      lostAt = performance.now();
    });

    await server.stop();
    await waitForStatus(client, 'offline', 15_000);
    recorder.stop();
    await server.restart();

    const scheduled = recorder.statuses.filter((s): s is ReconnectingStatus => s.type === 'reconnecting');
    expect(scheduled.map((s) => [s.attempt, s.delayMs])).toEqual(expected.map((delay, index) => [index + 1, delay]));
    expect(attempts).toHaveLength(expected.length);
    // Each attempt starts at least its delay after the previous one failed (the first: after the
    // loss). A refused loopback connection fails within the next step, so each gap is also less
    // than the delay plus the smallest delay.
    const gaps = attempts.map((at, index) => at - (index === 0 ? lostAt : attempts[index - 1]!));
    gaps.forEach((gap, index) => {
      expect(gap).toBeGreaterThanOrEqual(expected[index]! - 1);
      expect(gap).toBeLessThan(expected[index]! + reconnection.delayMs);
    });
  });

  it('goes offline after maxAttempts and starts over on connect()', async () => {
    const maxAttempts = 3;
    const client = makeClient(server, ALICE, { reconnection: { delayMs: 20, maxDelayMs: 40, jitter: 0, maxAttempts } });
    await waitForStatus(client, 'connected');
    let attempts = 0;
    client.socket.io.on('reconnect_attempt', () => {
      attempts += 1;
    });
    await server.stop();
    const offline = await waitForStatus(client, 'offline');
    expect(attempts).toBe(maxAttempts);
    expect(offline.lastError?.code).toBe('DISCONNECTED');
    await server.restart();
    // Nothing retries on its own once offline.
    expect(client.status.getSnapshot().type).toBe('offline');
    client.connect();
    await waitForStatus(client, 'connected');
  });

  it('stays offline after one failure with reconnection: false', async () => {
    await server.stop();
    const client = makeClient(server, ALICE, { reconnection: false });
    const offline = await waitForStatus(client, 'offline');
    expect(offline.lastError?.code).toBe('DISCONNECTED');
    await server.restart();
  });

  it('spreads delays with jitter, the status reporting each one', async () => {
    const reconnection = { delayMs: 40, maxDelayMs: 80, jitter: 0.5, maxAttempts: 5 };
    const client = makeClient(server, ALICE, { reconnection });
    await waitForStatus(client, 'connected');
    const recorder = recordStatuses(client);
    await server.stop();
    await waitForStatus(client, 'offline');
    recorder.stop();
    await server.restart();
    const delays = recorder.statuses.filter((s): s is ReconnectingStatus => s.type === 'reconnecting').map((s) => [s.attempt, s.delayMs] as const);
    expect(delays.map(([attempt]) => attempt)).toEqual([1, 2, 3, 4, 5]);
    for (const [attempt, delay] of delays) {
      const nominal = Math.min(reconnection.delayMs * 2 ** (attempt - 1), reconnection.maxDelayMs);
      expect(delay).toBeGreaterThanOrEqual(Math.floor(nominal * (1 - reconnection.jitter)));
      expect(delay).toBeLessThanOrEqual(Math.ceil(nominal * (1 + reconnection.jitter)));
    }
  });
});

describe('server-side disconnects', () => {
  it('reconnects after the server closes the connection, and rejoins its rooms', async () => {
    const client = makeClient(server, ALICE);
    await waitForStatus(client, 'connected');
    const room = await client.join('rca', 'kick-once');
    const firstId = client.socket.id;
    const recorder = recordStatuses(client);
    server.realtime.namespace.in('tenant:acme:user:alice').disconnectSockets(true);
    await waitFor(() => client.socket.id !== firstId && room.state.getSnapshot().status === 'joined', 'a new connection with the room joined');
    recorder.stop();
    expect(recorder.statuses.find((s) => s.type === 'reconnecting')).toMatchObject({ attempt: 1, lastError: { code: 'DISCONNECTED' } });
    await room.leave();
  });

  it('ends offline, not in a loop, when the server closes every connection', async () => {
    const reconnection = { delayMs: 20, maxDelayMs: 80, jitter: 0, maxAttempts: 4 };
    const kick = (socket: { disconnect(close?: boolean): unknown }) => setTimeout(() => socket.disconnect(true), 50);
    const namespace = server.realtime.namespace;
    namespace.on('connection', kick);
    try {
      const before = server.namespaceConnections;
      const client = makeClient(server, { sub: 'kicked', tenantId: 'acme' }, { reconnection });
      const offline = await waitForStatus(client, 'offline');
      expect(offline.lastError?.code).toBe('DISCONNECTED');
      // The first connection and one per allowed attempt.
      expect(server.namespaceConnections - before).toBe(1 + reconnection.maxAttempts);
    } finally {
      namespace.off('connection', kick);
    }
  });
});

describe('re-join failures', () => {
  it('reports a room that cannot be joined again after a reconnect, instead of swallowing it', async () => {
    let allowed = true;
    const strict = await startTestServer({ rooms: { rca: { authorize: () => allowed } } });
    try {
      const errors: RealtimeClientError[] = [];
      const client = makeClient(strict, ALICE, { onError: (error) => errors.push(error) });
      const room = await client.join('rca', 'revoked');
      allowed = false;
      const firstId = client.socket.id;
      strict.realtime.namespace.disconnectSockets(true);
      await waitFor(() => room.state.getSnapshot().status === 'error', 'the re-join is refused');
      expect(client.socket.id).not.toBe(firstId);
      expect(room.state.getSnapshot().error?.code).toBe('FORBIDDEN');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'FORBIDDEN' });
      expect(errors[0]?.message).toMatch(/Re-joining room rca\/revoked after reconnecting failed/);
      // The connection itself is fine.
      expect(client.status.getSnapshot().type).toBe('connected');
    } finally {
      closeClients();
      await strict.close();
    }
  });
});
