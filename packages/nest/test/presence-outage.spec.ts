import { freePort } from '@tenantcast/test-support';
import type { JoinAck, PresenceSnapshotAck } from '@tenantcast/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealtimeHealthService, RealtimeService } from '../src';
import { startRealtimeApp, type TestApp } from './support/apps';
import { ClientPool, request } from './support/clients';

describe('presence while its store is unavailable', () => {
  let server: TestApp;
  const clients = new ClientPool(() => server.url);

  beforeAll(async () => {
    server = await startRealtimeApp({ presence: { store: 'redis', url: `redis://127.0.0.1:${await freePort()}` } });
  });
  afterAll(async () => {
    clients.closeAll();
    await server.close();
  });

  it('still connects, joins and subscribes, with empty snapshots instead of errors', async () => {
    const socket = await clients.connect('alice', 'acme');
    const joined = await request<JoinAck>(socket, 'join', { kind: 'rca', id: '1' });
    expect(joined).toEqual({ ok: true, room: 'tenant:acme:rca:1', members: [] });
    const subscribed = await request<PresenceSnapshotAck>(socket, 'presence-subscribe');
    expect(subscribed).toEqual({ ok: true, members: [] });
  });

  it('rejects the app’s own presence queries with INTERNAL rather than answering that nobody is online', async () => {
    const { presence } = server.app.get(RealtimeService);
    for (const query of [presence.online('acme'), presence.count('acme'), presence.isOnline('acme', 'alice'), presence.inRoom('acme', 'rca', '1')]) {
      await expect(query).rejects.toMatchObject({ name: 'RealtimeError', code: 'INTERNAL', message: expect.stringMatching(/Presence is unavailable \(redis store/) });
    }
  });

  it('reports the module as degraded, not down', async () => {
    expect(await server.app.get(RealtimeHealthService).check()).toMatchObject({ status: 'degraded', presence: { store: 'redis', ok: false } });
  });
});
