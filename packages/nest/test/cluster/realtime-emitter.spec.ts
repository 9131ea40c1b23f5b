import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RealtimeEmitter } from '@tenantcast/nest/emitter';
import type { Envelope, ErrorPayload, RoomPayload } from '@tenantcast/protocol';
import { REDIS_URL, collect, nextEvent, requireRedis, waitFor } from '@tenantcast/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request } from '../support/clients';
import type { ClusterNode } from '../support/cluster-node';
import { Cluster } from './cluster-harness';

const WORKER = fileURLToPath(new URL('../fixtures/emitter-worker.mjs', import.meta.url));
const run = promisify(execFile);

describe('RealtimeEmitter: events from a process without sockets (classic redis adapter)', () => {
  const cluster = new Cluster('redis');
  let a: ClusterNode;
  let b: ClusterNode;

  beforeAll(async () => {
    await requireRedis();
    [a, b] = await Promise.all([cluster.start('a'), cluster.start('b')]);
  }, 30_000);
  afterAll(async () => {
    const fatal = cluster.fatalLines();
    await cluster.close();
    expect(fatal).toEqual([]);
  });

  async function worker(steps: unknown[][]): Promise<unknown[]> {
    const { stdout } = await run(process.execPath, [WORKER, JSON.stringify(steps)], { env: { ...process.env, TC_REDIS_URL: REDIS_URL, TC_ADAPTER_PREFIX: cluster.adapterPrefix } });
    return JSON.parse(stdout) as unknown[];
  }

  it('reaches room, user and tenant sockets on every process from plain Node, in the same envelope as RealtimeService', async () => {
    const onA = await cluster.connect(a, 'alice', 'acme', ['42']);
    const onB = await cluster.connect(b, 'alice', 'acme');
    const otherTenant = await cluster.connect(b, 'alice', 'globex', ['42']);
    const received = [onA, onB, otherTenant].map((socket) => ({ room: collect<Envelope>(socket, 'rca-updated'), user: collect<Envelope>(socket, 'notification'), tenant: collect<Envelope>(socket, 'announcement') }));
    const [roomEnvelope] = (await worker([
      ['emitToRoom', 'acme', 'rca', '42', 'rca-updated', { status: 'closed' }],
      ['emitToUser', 'acme', 'alice', 'notification', { text: 'report ready' }],
      ['emitToTenant', 'acme', 'announcement', { text: 'maintenance' }],
    ])) as [Envelope];
    await waitFor(() => received[0]!.tenant.length === 1 && received[1]!.tenant.length === 1, 'the tenant announcement on both processes');
    await Promise.all([onA, onB, otherTenant].map((socket) => request(socket, 'leave', { kind: 'rca', id: 'flush' })));
    expect(received[0]!.room).toEqual([roomEnvelope]);
    expect(roomEnvelope).toMatchObject({ type: 'rca-updated', data: { status: 'closed' }, metadata: { tenantId: 'acme', room: 'tenant:acme:rca:42', kind: 'rca', resourceId: '42' } });
    expect(received.map((sockets) => [sockets.room.length, sockets.user.length, sockets.tenant.length])).toEqual([
      [1, 1, 1],
      [0, 1, 1],
      [0, 0, 0],
    ]);
  });

  it('joins a user’s sockets on every process to a room, and ends a user’s sessions, from plain Node', async () => {
    const tabs = [await cluster.connect(a, 'bob', 'acme'), await cluster.connect(b, 'bob', 'acme')];
    const joined = tabs.map((tab) => nextEvent<RoomPayload>(tab, 'room-joined'));
    await worker([['joinUser', 'acme', 'bob', 'rca', '7']]);
    expect((await Promise.all(joined)).map((payload) => payload.room)).toEqual(['tenant:acme:rca:7', 'tenant:acme:rca:7']);
    const ended = tabs.map((tab) => nextEvent<ErrorPayload>(tab, 'session-ended'));
    const closed = tabs.map((tab) => nextEvent<string>(tab, 'disconnect'));
    await worker([['disconnectUser', 'acme', 'bob', 'account locked']]);
    expect(await Promise.all(ended)).toEqual([
      { code: 'UNAUTHORIZED', message: 'account locked' },
      { code: 'UNAUTHORIZED', message: 'account locked' },
    ]);
    expect(await Promise.all(closed)).toEqual(['io server disconnect', 'io server disconnect']);
  });

  it('is a Nest provider that Nest closes on shutdown', async () => {
    const socket = await cluster.connect(a, 'carol', 'acme');
    const notified = nextEvent<Envelope>(socket, 'notification');
    @Module({ providers: [RealtimeEmitter.provider({ url: REDIS_URL, keyPrefix: cluster.adapterPrefix, namespace: '/rca' })] })
    class WorkerModule {}
    const app = await NestFactory.createApplicationContext(WorkerModule, { logger: false });
    const emitter = app.get<RealtimeEmitter<{ notification: { text: string } }>>(RealtimeEmitter);
    emitter.emitToUser('acme', 'carol', 'notification', { text: 'from a Nest worker' });
    expect((await notified).data).toEqual({ text: 'from a Nest worker' });
    expect(emitter.isHealthy()).toBe(true);
    await app.close();
    expect(emitter.isHealthy()).toBe(false);
  });
});
