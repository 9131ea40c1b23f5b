import { Logger } from '@nestjs/common';
import type { ConnectedPayload } from '@tenantcast/protocol';
import { TestRedisServer, nextEvent, waitFor } from '@tenantcast/test-support';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealtimeHealthService, RealtimeModule, RealtimeService } from '../../src';
import { startModule, testOptions, type TestApp } from '../support/apps';
import { request } from '../support/clients';
import { CapturingLogger } from '../support/capturing-logger';
import { MetricsProbe } from '../support/metrics-probe';
import { tokenFor } from '../support/tokens';

describe('metrics while Redis is away', () => {
  const probe = new MetricsProbe();
  let redis: TestRedisServer;
  let server: TestApp;

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    server = await startModule({
      imports: [
        RealtimeModule.forRoot(
          testOptions({ presence: { store: 'redis', url: redis.url }, adapter: { type: 'redis', url: redis.url }, metrics: { meterProvider: probe.provider } }),
        ),
      ],
    });
  }, 30_000);
  afterAll(async () => {
    await server.close();
    await redis.stop();
    await probe.shutdown();
  });

  it('counts each publish the adapter could not send, and each presence operation that failed', async () => {
    const realtime = server.app.get(RealtimeService);
    const health = server.app.get(RealtimeHealthService);
    expect(await probe.sum('tenantcast.adapter.errors')).toBe(0);
    await redis.stop();
    await waitFor(async () => (await health.check()).degraded.includes('adapter'), 'the adapter to notice Redis is gone');
    const before = await probe.sum('tenantcast.adapter.errors', { adapter: 'redis' });
    for (let n = 0; n < 3; n += 1) realtime.emitToRoom('acme', 'rca', '42', 'rca-updated', { n });
    await waitFor(async () => (await probe.sum('tenantcast.adapter.errors', { adapter: 'redis' })) >= before + 3, 'the three refused publishes');
    expect(await probe.sum('tenantcast.adapter.errors', { adapter: 'redis' })).toBe(before + 3);
    // Handed to the adapter all the same: the emit helpers cannot know a publish will fail.
    expect(await probe.sum('tenantcast.events.emitted', { event: 'rca-updated' })).toBe(3);

    const errors = await probe.sum('tenantcast.presence.operation.errors', { operation: 'count', store: 'redis' });
    await expect(realtime.presence.count('acme')).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await probe.sum('tenantcast.presence.operation.errors', { operation: 'count', store: 'redis' })).toBe(errors + 1);
    await redis.restart();
  });
});

describe('metrics and log lines of connection state recovery', () => {
  const probe = new MetricsProbe();
  const logger = new CapturingLogger();
  let server: TestApp;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    Logger.overrideLogger(logger);
    server = await startModule(
      { imports: [RealtimeModule.forRoot(testOptions({ recovery: { maxDisconnectionMs: 10_000 }, metrics: { meterProvider: probe.provider, tenantLabel: { max: 5 } } }))] },
      'express',
      0,
      logger,
    );
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await server.close();
    await probe.shutdown();
  });

  /** A client that joined a room and received one event there, so it holds an offset to recover from. */
  async function withSession(userId: string, tenantId: string): Promise<Socket> {
    const socket = io(`${server.url}/rca`, { auth: { token: tokenFor(userId, tenantId) }, transports: ['websocket'], forceNew: true, reconnectionDelay: 50, randomizationFactor: 0 });
    sockets.push(socket);
    await nextEvent<ConnectedPayload>(socket, 'connected');
    await request(socket, 'join', { kind: 'rca', id: 'incident' });
    const first = nextEvent(socket, 'update');
    server.app.get(RealtimeService).emitToRoom(tenantId, 'rca', 'incident', 'update', { n: 0 });
    await first;
    return socket;
  }

  it('counts a session handed back as restored, and one presented with another user\'s token as refused', async () => {
    const returning = await withSession('returning', 'acme');
    const reconnected = nextEvent<ConnectedPayload>(returning, 'connected', 5_000);
    returning.io.engine.close();
    expect((await reconnected).recovered).toBe(true);
    expect(await probe.sum('tenantcast.recoveries', { outcome: 'restored', tenant: 'acme' })).toBe(1);

    const victim = await withSession('victim', 'acme');
    const { _pid: pid, _lastOffset: offset } = victim as unknown as { _pid: string; _lastOffset: string };
    victim.io.reconnection(false);
    victim.io.engine.close();
    const thief = io(`${server.url}/rca`, { auth: { token: tokenFor('thief', 'globex'), pid, offset }, transports: ['websocket'], forceNew: true, reconnection: false });
    sockets.push(thief);
    expect((await nextEvent<ConnectedPayload>(thief, 'connected')).recovered).toBe(false);
    expect(await probe.sum('tenantcast.recoveries', { outcome: 'refused', tenant: 'globex' })).toBe(1);
    expect(await probe.sum('tenantcast.recoveries', { outcome: 'restored' })).toBe(1);
    const refused = logger.entries.filter((entry) => entry.level === 'warn' && String(entry.message).startsWith('Refused session recovery'));
    expect(refused.map((entry) => entry.message)).toEqual([
      `Refused session recovery socket=${thief.id} tenant=globex user=thief transport=websocket reason="the session belonged to another user"`,
    ]);
    // The restored one is said on its connect line.
    expect(logger.entries.some((entry) => entry.message === `Connected socket=${returning.id} tenant=acme user=returning transport=websocket recovered=true`)).toBe(true);
  });
});
