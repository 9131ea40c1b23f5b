import type { Socket } from 'socket.io-client';
import type { JoinAck } from '@tenantcast/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { closeAll, collect, connect, joinRca, leaveRca, settle, type RcaSocket } from './support/clients';
import { api, devToken, type DevUser } from './support/http';
import { DEMO_ENV } from './support/tokens';

describe('tenant-scoped rooms (users only join their own tenant’s rooms)', () => {
  let server: RunningApp;
  const tokens = new Map<string, string>();
  const tokenOf = async (user: DevUser): Promise<string> => {
    const key = JSON.stringify(user);
    if (!tokens.has(key)) tokens.set(key, await devToken(server.url, user));
    return tokens.get(key)!;
  };
  const connectAs = async (user: DevUser): Promise<RcaSocket> => (await connect(`${server.url}/rca`, await tokenOf(user))).socket;
  const postUpdate = async (as: DevUser, rcaId: string, update: unknown) => api(server.url, 'POST', `/rcas/${rcaId}/updates`, { token: await tokenOf(as), body: update });

  const aliceAcme = { userId: 'alice', tenantId: 'acme' };
  const aliceGlobex = { userId: 'alice', tenantId: 'globex' };
  const viewer = { userId: 'vera', tenantId: 'acme', role: 'viewer', rcaIds: ['42'] };

  beforeAll(async () => {
    server = await startApp(DEMO_ENV);
  });
  afterEach(closeAll);
  afterAll(() => server.close());

  it('join-rca builds the room tenant:{tenantId}:rca:{rcaId} from the token’s tenant, not from the client', async () => {
    const acme = await connectAs(aliceAcme);
    const globex = await connectAs(aliceGlobex);
    expect(await joinRca(acme, '42')).toEqual({ ok: true, room: 'tenant:acme:rca:42', members: [expect.objectContaining({ userId: 'alice', connections: 1 })] });
    expect(await joinRca(globex, '42')).toMatchObject({ ok: true, room: 'tenant:globex:rca:42' });
  });

  it('two tenants in the same RCA id never see each other’s updates', async () => {
    const acme = await connectAs(aliceAcme);
    const globex = await connectAs(aliceGlobex);
    await joinRca(acme, '7');
    await joinRca(globex, '7');
    const acmeReceived = collect(acme, 'rca-updated');
    const globexReceived = collect(globex, 'rca-updated');
    expect((await postUpdate(aliceAcme, '7', { status: 'acme-only' })).status).toBe(202);
    await settle(acme, globex);
    expect(acmeReceived.map((envelope) => envelope.data.update)).toEqual([{ status: 'acme-only' }]);
    expect(globexReceived).toEqual([]);
  });

  it('cross-tenant access is impossible by naming another tenant’s room: the payload is an RCA id, never a room name', async () => {
    const mallory = await connectAs({ userId: 'mallory', tenantId: 'globex' });
    const acme = await connectAs(aliceAcme);
    await joinRca(acme, '7');
    for (const id of ['tenant:acme:rca:7', 'acme:rca:7', 'tenant:acme', '*']) {
      expect(await joinRca(mallory, id)).toEqual({ ok: false, error: { code: 'INVALID_ROOM', message: expect.any(String) } });
    }
    const received = collect(mallory, 'rca-updated');
    await postUpdate(aliceAcme, '7', { status: 'private' });
    await settle(mallory);
    expect(received).toEqual([]);
  });

  it('authorization runs before the join: a viewer joins the RCAs its token lists and gets FORBIDDEN for others', async () => {
    const vera = await connectAs(viewer);
    expect(await joinRca(vera, '42')).toMatchObject({ ok: true, room: 'tenant:acme:rca:42' });
    expect(await joinRca(vera, '43')).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.any(String) } });
    const received = collect(vera, 'rca-updated');
    await postUpdate(aliceAcme, '43', { status: 'not for viewers' });
    await postUpdate(aliceAcme, '42', { status: 'for vera' });
    await settle(vera);
    expect(received.map((envelope) => envelope.data.rcaId)).toEqual(['42']);
  });

  it('the same rule guards the HTTP routes of an RCA: 403 FORBIDDEN for a viewer outside its list', async () => {
    expect(await postUpdate(viewer, '43', { status: 'x' })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await api(server.url, 'GET', '/rcas/43/presence', { token: await tokenOf(viewer) })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await api(server.url, 'GET', '/rcas/42/presence', { token: await tokenOf(viewer) })).toMatchObject({ status: 200 });
    // Viewers are read-only: even an RCA they may see takes no updates from them (role rule).
    expect(await postUpdate(viewer, '42', { comment: 'seen' })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
  });

  it('malformed join-rca payloads get INVALID_ROOM acks and the server keeps serving everyone', async () => {
    const bystander = await connectAs({ userId: 'bystander', tenantId: 'acme' });
    await joinRca(bystander, 'live');
    const received = collect(bystander, 'rca-updated');
    // Untyped on purpose: a front end with the typed map could not send these.
    const fuzzer = (await connectAs({ userId: 'fuzzer', tenantId: 'acme' })) as Socket;
    const payloads: unknown[][] = [[42], ['a:b'], ['x'.repeat(10_240)], [{ id: '42' }], [null], [''], []];
    for (const args of payloads) {
      const ack = (await fuzzer.timeout(5_000).emitWithAck('join-rca', ...args)) as JoinAck;
      expect(ack, JSON.stringify(args).slice(0, 60)).toMatchObject({ ok: false, error: { code: 'INVALID_ROOM' } });
    }
    await postUpdate(aliceAcme, 'live', { status: 'still served' });
    await settle(bystander);
    expect(received.map((envelope) => envelope.data.update)).toEqual([{ status: 'still served' }]);
  });

  it('leave-rca leaves the room; the room hears user-joined and user-left, the joiner room-joined', async () => {
    const watcher = await connectAs({ userId: 'watcher', tenantId: 'acme' });
    await joinRca(watcher, '99');
    const joined = collect(watcher, 'user-joined');
    const left = collect(watcher, 'user-left');
    const joiner = await connectAs(aliceAcme);
    const roomJoined = collect(joiner, 'room-joined');
    const updates = collect(joiner, 'rca-updated');
    await joinRca(joiner, '99');
    expect(await leaveRca(joiner, '99')).toEqual({ ok: true, room: 'tenant:acme:rca:99' });
    await postUpdate(aliceAcme, '99', { status: 'after leave' });
    await settle(joiner, watcher);
    expect(roomJoined).toEqual([{ room: 'tenant:acme:rca:99', kind: 'rca', id: '99' }]);
    expect(joined).toEqual([expect.objectContaining({ room: 'tenant:acme:rca:99', userId: 'alice', meta: { role: 'engineer', email: 'alice@acme.example' } })]);
    expect(left).toEqual([expect.objectContaining({ room: 'tenant:acme:rca:99', userId: 'alice' })]);
    expect(updates).toEqual([]);
  });

  it('an RCA id that cannot name a room is refused on HTTP too, with 400 INVALID_ROOM', async () => {
    const token = await tokenOf(aliceAcme);
    for (const id of ['a:b', encodeURIComponent('tenant:globex:rca:1'), 'x'.repeat(200)]) {
      expect(await api(server.url, 'POST', `/rcas/${id}/updates`, { token, body: {} }), id).toMatchObject({ status: 400, body: { statusCode: 400, code: 'INVALID_ROOM' } });
    }
  });
});
