import type { ErrorPayload } from '@tenantcast/protocol';
import { REDIS_URL, deleteKeys, fastFailingRedis, nextEvent, requireRedis, uniquePrefix } from '@tenantcast/test-support';
import type { Redis } from 'ioredis';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, expectConnectError } from '../support/clients';
import type { ClusterNode } from '../support/cluster-node';
import { tokenFor } from '../support/tokens';
import { ADAPTER_TYPES, Cluster, DELIVERY_SLACK_MS, TIMERS } from './cluster-harness';

const ISSUER = 'https://id.example';

describe.each(ADAPTER_TYPES)('revocation across processes on the %s adapter (S7 auth.revocation-across-nodes)', (adapterType) => {
  const denylistKey = uniquePrefix('denylist');
  const cluster = new Cluster(adapterType, REDIS_URL, { TC_DENYLIST_KEY: denylistKey });
  let a: ClusterNode;
  let b: ClusterNode;
  let denylist: Redis;

  beforeAll(async () => {
    await requireRedis();
    [a, b] = await Promise.all([cluster.start('a'), cluster.start('b')]);
    denylist = fastFailingRedis();
    await denylist.connect();
  }, 30_000);
  afterAll(async () => {
    denylist.disconnect();
    const fatal = cluster.fatalLines();
    await cluster.close();
    await deleteKeys(denylistKey);
    expect(fatal).toEqual([]);
  });

  it('a revoked token loses its sessions on every process within requestsTimeoutMs, and is refused UNAUTHORIZED on every process after', async () => {
    const jti = `stolen-${adapterType}`;
    const revoked = tokenFor('revoked-user', 'acme', { jti, iss: ISSUER });
    const laptop = tokenFor('revoked-user', 'acme', { jti: `laptop-${adapterType}`, iss: ISSUER });
    const tabs: Socket[] = [];
    for (const [node, token] of [[a, revoked], [b, revoked], [b, laptop]] as const) tabs.push((await connectClient(node.url, '/rca', token)).socket);
    const bystanders = [await cluster.connect(a, 'kept', 'acme'), await cluster.connect(b, 'kept', 'acme')];
    const ended = tabs.map((tab) => nextEvent<ErrorPayload>(tab, 'session-ended'));
    const closed = tabs.map((tab) => nextEvent<string>(tab, 'disconnect').then((reason) => ({ reason, at: Date.now() })));

    await denylist.sadd(denylistKey, `${jti}|${ISSUER}`);
    const revokedAt = Date.now();
    await b.command('disconnect-user', { tenant: 'acme', user: 'revoked-user' });

    const closes = await Promise.all(closed);
    expect(closes.map((close) => close.reason)).toEqual(tabs.map(() => 'io server disconnect'));
    // The adapter's requests bound, plus the command's own HTTP round trip on a loaded machine.
    expect(Math.max(...closes.map((close) => close.at)) - revokedAt).toBeLessThanOrEqual(TIMERS.requestsTimeoutMs + DELIVERY_SLACK_MS);
    expect((await Promise.all(ended)).map((payload) => payload.code)).toEqual(tabs.map(() => 'UNAUTHORIZED'));
    expect(bystanders.every((socket) => socket.connected)).toBe(true);

    for (const node of [a, b]) {
      const refusal = await expectConnectError(node.url, '/rca', revoked);
      expect(refusal.data?.code, node.id).toBe('UNAUTHORIZED');
    }
    // The user's other token was not revoked: that device signs in again, on either process.
    for (const node of [a, b]) {
      const { socket, connected } = await connectClient(node.url, '/rca', laptop);
      expect(connected.user.userId).toBe('revoked-user');
      socket.close();
    }
  });
});
