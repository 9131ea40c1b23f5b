import type { ConnectedPayload, ErrorPayload, PresenceChangePayload, PresenceMember } from '@tenantcast/protocol';
import { collect, nextEvent, requireRedis, waitFor } from '@tenantcast/test-support';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, request } from '../support/clients';
import type { ClusterNode } from '../support/cluster-node';
import { TcpFailover } from '../support/tcp-failover';
import { tokenFor } from '../support/tokens';
import { ADAPTER_TYPES, CRASH_BOUND_MS, Cluster, DELIVERY_SLACK_MS, TIMERS } from './cluster-harness';

/** How often a process refreshes its presence entries: ttl / 3 by default. */
const REFRESH_MS = TIMERS.ttlMs / 3;
const RECONNECTING = { reconnection: true, reconnectionDelay: 100, reconnectionDelayMax: 300, randomizationFactor: 0 };

describe.each(ADAPTER_TYPES)('process faults on the %s adapter', (adapterType) => {
  const cluster = new Cluster(adapterType);
  const failovers: TcpFailover[] = [];
  let a: ClusterNode;
  let b: ClusterNode;
  let c: ClusterNode;
  let watcher: Socket;
  let offline: PresenceChangePayload[];
  let online: PresenceChangePayload[];

  beforeAll(async () => {
    await requireRedis();
    [a, b, c] = await Promise.all([cluster.start('a'), cluster.start('b'), cluster.start('c')]);
    watcher = await cluster.connect(a, 'watcher', 'acme');
    await request(watcher, 'presence-subscribe');
    offline = collect<PresenceChangePayload>(watcher, 'presence-offline');
    online = collect<PresenceChangePayload>(watcher, 'presence-online');
  }, 30_000);
  afterAll(async () => {
    for (const failover of failovers) await failover.close();
    const fatal = cluster.fatalLines();
    await cluster.close();
    expect(fatal).toEqual([]);
  });

  const offlineOf = (userId: string) => offline.filter((change) => change.userId === userId);
  const onlineOf = (userId: string) => online.filter((change) => change.userId === userId);
  const membersOn = (node: ClusterNode) => node.command<PresenceMember[]>('online', { tenant: 'acme' });
  const failover = async (...order: ClusterNode[]) => {
    const proxy = await TcpFailover.start(order.map((node) => node.port));
    failovers.push(proxy);
    return proxy;
  };

  it('treats a process frozen past the bound as dead, and after SIGCONT re-adds only its still-open sockets (R2)', async () => {
    await cluster.connect(a, 'two-tabs', 'acme');
    await cluster.connect(b, 'two-tabs', 'acme');
    await cluster.connect(b, 'stays', 'acme');
    const leaving = await cluster.connect(b, 'leaves', 'acme');
    await waitFor(() => onlineOf('leaves').length === 1 && onlineOf('stays').length === 1, 'both to be announced');

    const frozenAt = Date.now();
    b.signal('SIGSTOP');
    try {
      leaving.close();
      // A cluster request cannot hang on a frozen process: it fails within the requests timeout.
      const askedAt = Date.now();
      await expect(a.command('join-user', { tenant: 'acme', user: 'two-tabs', kind: 'rca', id: 'x' })).rejects.toMatchObject({ code: 'INTERNAL' });
      expect(Date.now() - askedAt).toBeLessThanOrEqual(TIMERS.requestsTimeoutMs + DELIVERY_SLACK_MS);
      await waitFor(() => offlineOf('stays').length === 1 && offlineOf('leaves').length === 1, 'the frozen process’s users to go offline', CRASH_BOUND_MS + 2 * DELIVERY_SLACK_MS);
      expect(Date.now() - frozenAt).toBeLessThanOrEqual(CRASH_BOUND_MS + DELIVERY_SLACK_MS);
    } finally {
      b.signal('SIGCONT');
    }
    await waitFor(() => onlineOf('stays').length === 2, 'the still-open socket to be added back', REFRESH_MS + TIMERS.sweepMs + DELIVERY_SLACK_MS * 2);
    // One more refresh and sweep: the socket closed during the freeze never comes back.
    const settleUntil = Date.now() + REFRESH_MS + TIMERS.sweepMs;
    await waitFor(() => Date.now() >= settleUntil, 'one refresh and one sweep to pass', REFRESH_MS + TIMERS.sweepMs + 100);
    const members = await membersOn(a);
    expect(members.find((member) => member.userId === 'stays')?.connections).toBe(1);
    expect(members.some((member) => member.userId === 'leaves')).toBe(false);
    expect(onlineOf('leaves')).toHaveLength(1);
    expect(offlineOf('two-tabs')).toEqual([]);
    expect(members.find((member) => member.userId === 'two-tabs')?.connections).toBe(2);
  });

  it('on SIGTERM tells each socket why, removes the process’s presence at once, and its clients reconnect elsewhere (R6)', async () => {
    const proxy = await failover(b, a);
    const { socket: mover } = await connectClient(proxy.url, '/rca', tokenFor('graceful-mover', 'acme'), RECONNECTING);
    await cluster.connect(a, 'graceful-tabs', 'acme');
    const { socket: tabOnB } = await connectClient(proxy.url, '/rca', tokenFor('graceful-tabs', 'acme'), RECONNECTING);
    await waitFor(async () => (await membersOn(a)).find((member) => member.userId === 'graceful-tabs')?.connections === 2, 'both tabs in presence');
    const ended = [nextEvent<ErrorPayload>(mover, 'session-ended'), nextEvent<ErrorPayload>(tabOnB, 'session-ended')];
    const reconnected = [nextEvent<ConnectedPayload>(mover, 'connected', 10_000), nextEvent<ConnectedPayload>(tabOnB, 'connected', 10_000)];

    const stoppedAt = Date.now();
    await b.stop('SIGTERM');
    expect((await Promise.all(ended)).map((payload) => payload.code)).toEqual(['SERVER_SHUTDOWN', 'SERVER_SHUTDOWN']);
    expect(b.child.signalCode ?? b.child.exitCode).toMatch(/SIGTERM|0/);
    await waitFor(() => offlineOf('graceful-mover').length === 1, 'the mover’s leave event');
    // Removed by the shutdown itself, not by the expiry of unrefreshed entries.
    expect(Date.now() - stoppedAt).toBeLessThan(TIMERS.ttlMs);
    await Promise.all(reconnected);
    await waitFor(async () => (await membersOn(a)).find((member) => member.userId === 'graceful-mover')?.connections === 1, 'the mover back, on another process');
    expect(offlineOf('graceful-tabs')).toEqual([]);
    expect((await membersOn(a)).find((member) => member.userId === 'graceful-tabs')?.connections).toBe(2);
  });

  it('drops a SIGKILLed process’s users within ttl + sweep, once, and never flaps a user with a tab elsewhere (R1, P4)', async () => {
    const proxy = await failover(c, a);
    await cluster.connect(c, 'only-on-c', 'acme');
    await cluster.connect(a, 'multi-tab', 'acme');
    await cluster.connect(c, 'multi-tab', 'acme');
    await cluster.connect(c, 'multi-tab', 'acme');
    const { socket: mover } = await connectClient(proxy.url, '/rca', tokenFor('crash-mover', 'acme'), RECONNECTING);
    await waitFor(async () => (await membersOn(a)).find((member) => member.userId === 'multi-tab')?.connections === 3, 'the three tabs in presence');
    const reconnected = nextEvent<ConnectedPayload>(mover, 'connected', 10_000);

    const killedAt = Date.now();
    await c.stop('SIGKILL');
    expect((await reconnected).user.userId).toBe('crash-mover');
    // Every entry of the dead process is gone within the bound, not only the first one swept: an
    // entry added after the process's last refresh expires later than the others.
    const crashedGone = async (): Promise<boolean> => {
      const now = await membersOn(a);
      const connectionsOf = (userId: string) => now.find((member) => member.userId === userId)?.connections;
      return offlineOf('only-on-c').length === 1 && connectionsOf('multi-tab') === 1 && connectionsOf('crash-mover') === 1;
    };
    await waitFor(crashedGone, 'every connection of the crashed process to be gone', CRASH_BOUND_MS + 2 * DELIVERY_SLACK_MS);
    const cleanupMs = Date.now() - killedAt;
    expect(cleanupMs).toBeLessThanOrEqual(CRASH_BOUND_MS + DELIVERY_SLACK_MS);
    process.stdout.write(`[figure] ${adapterType}: crash cleanup observed ${cleanupMs} ms, bound ttl + sweep = ${CRASH_BOUND_MS} ms\n`);
    const members = await membersOn(a);
    expect(members.find((member) => member.userId === 'multi-tab')?.connections).toBe(1);
    expect(members.find((member) => member.userId === 'crash-mover')?.connections).toBe(1);
    expect(members.some((member) => member.userId === 'only-on-c')).toBe(false);
    expect(offlineOf('multi-tab')).toEqual([]);
    expect(offlineOf('crash-mover')).toEqual([]);
    expect(offlineOf('only-on-c')).toHaveLength(1);
  });
});
