import type { Envelope, PresenceMember } from '@tenantcast/protocol';
import { TestRedisServer, collect, waitFor } from '@tenantcast/test-support';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterNode } from '../support/cluster-node';
import { ADAPTER_TYPES, Cluster, DELIVERY_SLACK_MS, TIMERS } from './cluster-harness';

const REFRESH_MS = TIMERS.ttlMs / 3;
/** ioredis' default retry strategy waits at most 2 s between reconnection attempts. */
const RECONNECT_MAX_MS = 2_000;
/** Longer than the owned clients' retries (one retry per request, attempts 50 ms apart growing to 2 s). */
const OUTAGE_MS = 4_000;

interface Health {
  status: string;
  degraded: string[];
}

describe.each(ADAPTER_TYPES)('Redis outages on the %s adapter', (adapterType) => {
  let redis: TestRedisServer;
  let cluster: Cluster;
  let a: ClusterNode;
  let b: ClusterNode;
  let localReceiver: Socket;
  let remoteReceiver: Socket;

  beforeAll(async () => {
    redis = await TestRedisServer.start();
    cluster = new Cluster(adapterType, redis.url);
    [a, b] = await Promise.all([cluster.start('a'), cluster.start('b')]);
    localReceiver = await cluster.connect(a, 'local', 'acme', ['r']);
    remoteReceiver = await cluster.connect(b, 'remote', 'acme', ['r']);
  }, 30_000);
  afterAll(async () => {
    const fatal = cluster.fatalLines();
    await cluster.close();
    await redis.stop();
    expect(fatal).toEqual([]);
  });

  const health = async (node: ClusterNode): Promise<Health> => (await (await fetch(`${node.url}/realtime/health`)).json()) as Health;
  const userIds = async (node: ClusterNode): Promise<string[]> => (await node.command<PresenceMember[]>('online', { tenant: 'acme' })).map((member) => member.userId).sort();
  /** As {@link userIds}, answering "unknown" while presence is still unavailable. */
  const userIdsOnceUp = (node: ClusterNode): Promise<string> => userIds(node).then((ids) => ids.join(), () => 'presence unavailable');

  /** Broadcasts from `a` until `socket` receives one, proving cross-process delivery works again. */
  async function canaryReaches(socket: Socket, what: string, timeoutMs: number): Promise<void> {
    const received = collect<Envelope>(socket, 'canary');
    await waitFor(
      async () => {
        await a.command('emit-room', { tenant: 'acme', kind: 'rca', id: 'r', type: 'canary', n: 0 });
        return received.length > 0;
      },
      what,
      timeoutMs,
    );
  }

  it('rebuilds presence from the live sockets and re-subscribes after Redis restarts empty (P1)', async () => {
    await canaryReaches(remoteReceiver, 'cross-process delivery before the restart', 5_000);
    expect(await userIds(a)).toEqual(['local', 'remote']);
    await redis.stop();
    await redis.restart();
    const restartedAt = Date.now();
    await waitFor(async () => (await userIdsOnceUp(b)) === 'local,remote', 'presence to be rebuilt', RECONNECT_MAX_MS + REFRESH_MS + DELIVERY_SLACK_MS * 2);
    expect(Date.now() - restartedAt).toBeLessThanOrEqual(RECONNECT_MAX_MS + REFRESH_MS + DELIVERY_SLACK_MS);
    await canaryReaches(remoteReceiver, 'cross-process delivery after the restart', RECONNECT_MAX_MS + DELIVERY_SLACK_MS * 2);
    expect(await health(a)).toMatchObject({ status: 'ok', degraded: [] });
  });

  it('keeps the process up and delivering locally while Redis is down, then converges on the live sockets (P2)', async () => {
    const leaver = await cluster.connect(a, 'leaves-during-outage', 'acme');
    const local = collect<Envelope>(localReceiver, 'during');
    await redis.stop();
    const downAt = Date.now();
    let sent = 0;
    let joiner: Socket | undefined;
    while (Date.now() - downAt < OUTAGE_MS) {
      await a.command('emit-room', { tenant: 'acme', kind: 'rca', id: 'r', type: 'during', n: sent });
      sent += 1;
      if (sent === 5) leaver.close();
      if (sent === 10) joiner = await cluster.connect(a, 'joins-during-outage', 'acme');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Same-process delivery never stopped.
    await waitFor(() => local.length === sent, 'every event sent during the outage to reach the local socket', DELIVERY_SLACK_MS * 2);
    expect(local.map((message) => (message.data as { n: number }).n)).toEqual(Array.from({ length: sent }, (_, n) => n));
    expect(await health(a)).toMatchObject({ status: 'degraded', degraded: ['adapter', 'presence'] });
    expect(a.exited || b.exited).toBe(false);
    expect(joiner?.connected).toBe(true);

    await redis.restart();
    await waitFor(
      async () => (await userIdsOnceUp(b)) === 'joins-during-outage,local,remote',
      'presence to equal the live sockets: the leaver gone, the joiner there',
      RECONNECT_MAX_MS + REFRESH_MS + DELIVERY_SLACK_MS * 2,
    );
    await canaryReaches(remoteReceiver, 'cross-process delivery after the outage', RECONNECT_MAX_MS + DELIVERY_SLACK_MS * 2);
    await waitFor(async () => (await health(a)).status === 'ok', 'health to be ok again', RECONNECT_MAX_MS + DELIVERY_SLACK_MS);
  });
});
