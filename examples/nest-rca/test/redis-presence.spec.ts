import type { ConnectedPayload, PresenceMember } from '@tenantcast/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { TEST_BACKOFF } from './support/backoff';
import { closeAll, connect, joinRca } from './support/clients';
import { api } from './support/http';

import { DEMO_ENV, tokenFor } from './support/tokens';
import { REDIS_URL, deleteKeys, keysUnder, nextEvent, requireRedis, uniquePrefix, waitFor } from '@tenantcast/test-support';

describe('with REDIS_URL: connection state and presence kept in Redis, shared by every instance', () => {
  const prefix = uniquePrefix('nest-rca');
  const env = { ...DEMO_ENV, REDIS_URL, REDIS_KEY_PREFIX: prefix };
  let first: RunningApp | undefined;
  let second: RunningApp;
  let reachable = false;

  beforeAll(async () => {
    await requireRedis();
    reachable = true;
    first = await startApp(env);
    second = await startApp(env);
  });
  afterEach(closeAll);
  afterAll(async () => {
    await first?.close();
    await second?.close();
    if (reachable) await deleteKeys(prefix);
  });

  const online = async (app: RunningApp, tenantId: string): Promise<PresenceMember[]> =>
    (await api<{ users: PresenceMember[] }>(app.url, 'GET', '/presence', { token: tokenFor('observer', tenantId) })).body.users;
  const connectionsOf = async (app: RunningApp, tenantId: string, userId: string): Promise<number> =>
    (await online(app, tenantId)).find((user) => user.userId === userId)?.connections ?? 0;

  it('reports the Redis store as healthy', async () => {
    expect((await api(second.url, 'GET', '/realtime/health')).body).toMatchObject({ status: 'ok', presence: { store: 'redis', ok: true } });
  });

  it('an authenticated connection is stored in Redis under REDIS_KEY_PREFIX and every instance answers GET /presence with it', async () => {
    await connect(`${first!.url}/rca`, tokenFor('alice', 'acme'));
    await connect(`${second.url}/rca`, tokenFor('bob', 'acme'));
    await connect(`${second.url}/rca`, tokenFor('carol', 'globex'));
    expect((await keysUnder(prefix)).length).toBeGreaterThan(0);
    for (const app of [first!, second]) {
      expect((await online(app, 'acme')).map((user) => user.userId).sort()).toEqual(['alice', 'bob']);
      expect((await online(app, 'globex')).map((user) => user.userId)).toEqual(['carol']);
    }
  });

  it('a user with tabs on two instances is online until the last tab closes, and disconnect cleans up', async () => {
    const { socket: tab1 } = await connect(`${first!.url}/rca`, tokenFor('tabs', 'initech'));
    const { socket: tab2 } = await connect(`${second.url}/rca`, tokenFor('tabs', 'initech'));
    expect(await connectionsOf(first!, 'initech', 'tabs')).toBe(2);
    tab1.close();
    await waitFor(async () => (await connectionsOf(second, 'initech', 'tabs')) === 1, 'one connection left');
    tab2.close();
    await waitFor(async () => (await online(first!, 'initech')).length === 0, 'the tenant to be empty on every instance');
  });

  it('GET /rcas/:id/presence on one instance lists members who joined on another', async () => {
    const { socket } = await connect(`${first!.url}/rca`, tokenFor('rajesh', 'acme'));
    await joinRca(socket, '2847');
    const response = await api<{ members: PresenceMember[] }>(second.url, 'GET', '/rcas/2847/presence', { token: tokenFor('observer', 'acme') });
    expect(response.body.members).toEqual([expect.objectContaining({ userId: 'rajesh', connections: 1 })]);
  });

  it('a client whose instance restarts reconnects with backoff and is tracked in Redis again, as every instance sees', async () => {
    const { port } = first!;
    const { socket } = await connect(`${first!.url}/rca`, tokenFor('returning', 'umbrella'), TEST_BACKOFF);
    expect((await online(second, 'umbrella')).map((user) => user.userId)).toEqual(['returning']);
    await first!.close();
    first = undefined;
    await waitFor(async () => (await online(second, 'umbrella')).length === 0, 'the closed instance’s connection to leave Redis');
    first = await startApp(env, { port });
    const connected = await nextEvent<ConnectedPayload>(socket, 'connected', 10_000);
    expect(connected.user.userId).toBe('returning');
    expect((await online(second, 'umbrella')).map((user) => user.userId)).toEqual(['returning']);
  });
});
