import type { PresenceMember } from '@tenantcast/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { closeAll, connect, joinRca } from './support/clients';
import { api } from './support/http';
import { DEMO_ENV, tokenFor } from './support/tokens';
import { waitFor } from '@tenantcast/test-support';

describe('connected users tracked (in-memory store; redis-presence.spec.ts runs the same checks on Redis)', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp(DEMO_ENV);
  });
  afterEach(closeAll);
  afterAll(() => server.close());

  const online = async (tenantId: string): Promise<PresenceMember[]> =>
    (await api<{ users: PresenceMember[] }>(server.url, 'GET', '/presence', { token: tokenFor('observer', tenantId) })).body.users;
  const connectionsOf = async (tenantId: string, userId: string): Promise<number> => (await online(tenantId)).find((user) => user.userId === userId)?.connections ?? 0;

  it('GET /presence answers who is online in the caller’s tenant, with metadata, and nobody of another tenant', async () => {
    await connect(`${server.url}/rca`, tokenFor('alice', 'initech'));
    await connect(`${server.url}/rca`, tokenFor('bob', 'initech', { role: 'viewer' }));
    await connect(`${server.url}/rca`, tokenFor('carol', 'umbrella'));
    const response = await api<{ tenantId: string; users: PresenceMember[] }>(server.url, 'GET', '/presence', { token: tokenFor('observer', 'initech') });
    expect(response.status).toBe(200);
    expect(response.body.tenantId).toBe('initech');
    expect([...response.body.users].sort((a, b) => a.userId.localeCompare(b.userId))).toEqual([
      { userId: 'alice', connections: 1, meta: { role: 'engineer', email: 'alice@initech.example' }, since: expect.any(Number) },
      { userId: 'bob', connections: 1, meta: { role: 'viewer', email: 'bob@initech.example' }, since: expect.any(Number) },
    ]);
    expect((await online('umbrella')).map((user) => user.userId)).toEqual(['carol']);
  });

  it('a user with two tabs is one presence with two connections, online until the last tab closes', async () => {
    const { socket: tab1 } = await connect(`${server.url}/rca`, tokenFor('tabs', 'acme'));
    const { socket: tab2 } = await connect(`${server.url}/rca`, tokenFor('tabs', 'acme'));
    expect(await connectionsOf('acme', 'tabs')).toBe(2);
    tab1.close();
    await waitFor(async () => (await connectionsOf('acme', 'tabs')) === 1, 'one connection left');
    tab2.close();
    await waitFor(async () => (await connectionsOf('acme', 'tabs')) === 0, 'the user to go offline');
  });

  it('GET /rcas/:id/presence shows who is viewing an RCA, for “Rajesh is viewing this RCA”', async () => {
    const { socket: rajesh } = await connect(`${server.url}/rca`, tokenFor('rajesh', 'acme'));
    await connect(`${server.url}/rca`, tokenFor('elsewhere', 'acme'));
    await joinRca(rajesh, '2847');
    const response = await api<{ rcaId: string; members: PresenceMember[] }>(server.url, 'GET', '/rcas/2847/presence', { token: tokenFor('observer', 'acme') });
    expect(response.body).toEqual({ rcaId: '2847', members: [expect.objectContaining({ userId: 'rajesh', connections: 1 })] });
    rajesh.close();
    await waitFor(
      async () => (await api<{ members: PresenceMember[] }>(server.url, 'GET', '/rcas/2847/presence', { token: tokenFor('observer', 'acme') })).body.members.length === 0,
      'the room to empty on disconnect',
    );
  });
});
