import { Logger } from '@nestjs/common';
import { nextEvent } from '@tenantcast/test-support';
import { hashSync } from 'bcryptjs';
import { Manager, io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeAdminUiOptions } from '../../src';
import { connectClient, expectConnectError, request } from '../support/clients';
import { tokenFor } from '../support/tokens';
import { startLoggedApp, withoutProcessFaults, type LoggedApp } from '../security/support';

const PASSWORD = 'correct horse battery staple';
const credentials = { username: 'ops', passwordHash: hashSync(PASSWORD, 4) };

interface AdminConfig {
  supportedFeatures: string[];
}

interface ServerStats {
  namespaces: Array<{ name: string; socketsCount: number }>;
}

/**
 * One engine connection carrying an Admin UI socket and a tenant's socket, so the server handles
 * their packets in order; resolves once both are in, with the Admin UI's config.
 */
async function multiplexed(url: string, password: string): Promise<{ admin: Socket; tenant: Socket; config: AdminConfig; close(): void }> {
  const manager = new Manager(url, { transports: ['websocket'], reconnection: false });
  const tenant = manager.socket('/rca', { auth: { token: tokenFor('watched', 'acme') } });
  const admin = manager.socket('/admin', { auth: { username: 'ops', password } });
  const ready = Promise.all([nextEvent(tenant, 'connected'), nextEvent<AdminConfig>(admin, 'config')]);
  tenant.connect();
  admin.connect();
  const [, config] = await ready;
  return { admin, tenant, config, close: () => manager.engine.close() };
}

async function startWithAdminUi(adminUi: RealtimeAdminUiOptions): Promise<LoggedApp> {
  return startLoggedApp({ adminUi });
}

describe('the Socket.IO Admin UI, read-only by default', () => {
  let server: LoggedApp;

  beforeAll(async () => {
    server = await startWithAdminUi(credentials);
  });
  afterAll(() => server.close());

  it('lets the Admin UI in with its own credentials only, and offers it no action', async () => {
    const admin = io(`${server.url}/admin`, { auth: { username: 'ops', password: PASSWORD }, transports: ['websocket'], forceNew: true, reconnection: false });
    try {
      const config = await nextEvent<AdminConfig>(admin, 'config');
      expect(config.supportedFeatures).toEqual(['AGGREGATED_EVENTS']);
      const { socket } = await connectClient(server.url, '/rca', tokenFor('seen', 'acme'));
      const stats = await nextEvent<ServerStats>(admin, 'server_stats', 5_000);
      expect(stats.namespaces).toContainEqual({ name: '/rca', socketsCount: 1 });
      socket.close();
    } finally {
      admin.close();
    }
    // A missing or non-string password would reach bcrypt inside the Admin UI and throw, unhandled.
    await withoutProcessFaults(async () => {
      for (const auth of [{ username: 'ops', password: 'wrong' }, { username: 'ops', password: '' }, { username: 'ops' }, { username: 'ops', password: 42 }, {}, { username: 'ops', sessionId: 'x' }, { sessionId: 'unknown' }]) {
        const refused = io(`${server.url}/admin`, { auth, transports: ['websocket'], forceNew: true, reconnection: false });
        expect((await nextEvent<Error>(refused, 'connect_error')).message, JSON.stringify(auth)).toBe('invalid credentials');
        refused.close();
      }
    });
    expect(server.logger.entries.some((entry) => entry.level === 'log' && entry.message === 'Socket.IO Admin UI on namespace /admin (read-only)')).toBe(true);
  });

  it('ignores a disconnect order from a read-only Admin UI', async () => {
    Logger.overrideLogger(server.logger);
    const { admin, tenant, close } = await multiplexed(server.url, PASSWORD);
    try {
      admin.emit('_disconnect', '/rca', true);
      // Handled after the order, on the same connection: an order obeyed would have closed it first.
      expect(await request(tenant, 'join', { kind: 'rca', id: '1' })).toMatchObject({ ok: true });
      expect(tenant.connected).toBe(true);
    } finally {
      close();
    }
  });

  it('leaves the module namespace and every other namespace behind the JWT handshake', async () => {
    expect((await expectConnectError(server.url, '/rca', undefined, { auth: { username: 'ops', password: PASSWORD } })).data?.code).toBe('UNAUTHORIZED');
    expect((await expectConnectError(server.url, '/', undefined, { auth: { username: 'ops', password: PASSWORD } })).data?.code).toBe('FORBIDDEN');
  });
});

describe('the Socket.IO Admin UI with actions on', () => {
  let server: LoggedApp;

  beforeAll(async () => {
    server = await startWithAdminUi({ ...credentials, readonly: false });
  });
  afterAll(() => server.close());

  it('carries out a disconnect order, and says at boot that it can', async () => {
    const { admin, tenant, config, close } = await multiplexed(server.url, PASSWORD);
    try {
      expect(config.supportedFeatures).toContain('DISCONNECT');
      const gone = nextEvent<string>(tenant, 'disconnect');
      admin.emit('_disconnect', '/rca', true);
      expect(await gone).toBe('io server disconnect');
    } finally {
      close();
    }
    expect(server.logger.entries.some((entry) => entry.level === 'warn' && String(entry.message).startsWith('Socket.IO Admin UI on namespace /admin (read-write'))).toBe(true);
  });
});
