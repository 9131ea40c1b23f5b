import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RcaSummary } from '../src/contract';
import { startApp, type RunningApp } from './support/app';
import { closeAll, collect, connect, settle, type RcaSocket } from './support/clients';
import { api } from './support/http';
import { DEMO_ENV, tokenFor } from './support/tokens';
import { nextEvent } from '@tenantcast/test-support';

describe('the RCA list and its live statuses', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp(DEMO_ENV);
  });
  afterEach(closeAll);
  afterAll(() => server.close());

  const listAs = async (token: string) => (await api<{ rcas: RcaSummary[] }>(server.url, 'GET', '/rcas', { token })).body.rcas;
  const connectAs = async (userId: string, tenantId: string): Promise<RcaSocket> => (await connect(`${server.url}/rca`, tokenFor(userId, tenantId))).socket;

  it('GET /rcas lists the tenant’s RCAs with their statuses; a viewer sees only the RCAs its token lists', async () => {
    const rcas = await listAs(tokenFor('lister', 'list-tenant'));
    expect(rcas.map(({ id, status }) => ({ id, status }))).toEqual([
      { id: '42', status: 'investigating' },
      { id: '17', status: 'open' },
      { id: '58', status: 'action-planned' },
      { id: '63', status: 'closed' },
    ]);
    expect(rcas[0]).toEqual({ id: '42', title: expect.any(String), status: 'investigating', updatedAt: expect.any(Number) });
    expect((await listAs(tokenFor('vera', 'list-tenant', { role: 'viewer', rcaIds: ['17', 'unknown'] }))).map((rca) => rca.id)).toEqual(['17']);
    expect((await api(server.url, 'GET', '/rcas')).status).toBe(401);
  });

  it('an update naming a status moves the RCA and tells every connection of its tenant, and no other tenant', async () => {
    const [colleague, otherTenant] = [await connectAs('colleague', 'acme-status'), await connectAs('colleague', 'globex-status')];
    const strays = collect(otherTenant, 'rca-status-changed');
    const announced = nextEvent<{ data: unknown; metadata: unknown }>(colleague, 'rca-status-changed');

    const response = await api(server.url, 'POST', '/rcas/58/updates', { token: tokenFor('alice', 'acme-status'), body: { status: 'closed', note: 'Fan replaced' } });

    expect(response.status).toBe(202);
    expect(await announced).toMatchObject({ data: { rcaId: '58', status: 'closed', updatedBy: 'alice' }, metadata: { tenantId: 'acme-status' } });
    expect((await listAs(tokenFor('colleague', 'acme-status'))).find((rca) => rca.id === '58')).toMatchObject({ status: 'closed', updatedBy: 'alice' });
    expect((await listAs(tokenFor('colleague', 'globex-status'))).find((rca) => rca.id === '58')).toMatchObject({ status: 'action-planned' });
    await settle(otherTenant);
    expect(strays).toEqual([]);
  });

  it('free-form updates, unknown statuses, unchanged statuses and RCAs outside the catalog change no status', async () => {
    const listener = await connectAs('listener', 'quiet-tenant');
    const changes = collect(listener, 'rca-status-changed');
    const token = tokenFor('alice', 'quiet-tenant');
    for (const [rcaId, body] of [['42', { note: 'no status' }], ['42', { status: 'for vera' }], ['42', { status: 'investigating' }], ['404', { status: 'closed' }], ['42', ['closed']]] as const) {
      expect((await api(server.url, 'POST', `/rcas/${rcaId}/updates`, { token, body })).status).toBe(202);
    }
    await settle(listener);
    expect(changes).toEqual([]);
    expect((await listAs(token)).find((rca) => rca.id === '42')).toMatchObject({ status: 'investigating' });
  });
});
