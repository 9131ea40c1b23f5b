import type { Envelope } from '@tenantcast/protocol';
import { REDIS_URL, deleteKeys, nextEvent, requireRedis, uniquePrefix } from '@tenantcast/test-support';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { RcaServerEvents } from '../src/realtime/rca-events';
import { startApp, type RunningApp } from './support/app';
import { closeAll, connect, joinRca, settle } from './support/clients';
import { api } from './support/http';
import { DEMO_ENV, tokenFor } from './support/tokens';

const ADAPTERS = ['redis', 'redis-sharded', 'redis-streams'] as const;

describe.each(ADAPTERS)('two copies behind one Redis with REALTIME_ADAPTER=%s', (adapter) => {
  const prefix = uniquePrefix(`nest-rca-${adapter}`);
  const apps: RunningApp[] = [];

  afterEach(closeAll);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await deleteKeys(prefix);
  });

  it('delivers an update posted on one copy to sockets connected to the other, in the tenant only', async () => {
    await requireRedis();
    const env = { ...DEMO_ENV, REDIS_URL, REDIS_KEY_PREFIX: prefix, REALTIME_ADAPTER: adapter, PRESENCE_TTL_SECONDS: '1.5', PRESENCE_SWEEP_SECONDS: '0.3' };
    apps.push(await startApp(env), await startApp(env));
    const [first, second] = apps as [RunningApp, RunningApp];
    const { socket: onSecond } = await connect(`${second.url}/rca`, tokenFor('rajesh', 'acme'));
    const { socket: otherTenant } = await connect(`${second.url}/rca`, tokenFor('rajesh', 'globex'));
    await joinRca(onSecond, '2847');
    await joinRca(otherTenant, '2847');
    let leaked = false;
    otherTenant.on('rca-updated', () => (leaked = true));
    const received = nextEvent<Envelope<RcaServerEvents['rca-updated']>>(onSecond, 'rca-updated');
    const response = await api(first.url, 'POST', '/rcas/2847/updates', { token: tokenFor('priya', 'acme'), body: { status: 'investigating' } });
    expect(response.status).toBe(202);
    expect((await received).data).toEqual({ rcaId: '2847', update: { status: 'investigating' }, updatedBy: 'priya' });
    await settle(otherTenant);
    expect(leaked).toBe(false);
    expect((await api(first.url, 'GET', '/realtime/health')).body).toMatchObject({ status: 'ok', adapter: { type: adapter, ok: true } });
  });
});
