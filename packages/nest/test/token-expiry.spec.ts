import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorPayload, RefreshTokenAck, TokenExpiringPayload } from '@tenantcast/protocol';
import { RealtimeService } from '../src';
import { startRealtimeApp, type TestApp } from './support/apps';
import { connectClient, request } from './support/clients';
import { TEST_SECRET, tokenFor } from './support/tokens';
import { nextEvent } from '@tenantcast/test-support';

const WARNING_MS = 1_000;
// exp has whole-second precision: 3 s leaves at least 1 s between connecting and the warning.
const LIFETIME_S = 3;

describe('token expiry: a connection never outlives its token', () => {
  let server: TestApp;

  beforeAll(async () => {
    server = await startRealtimeApp({ auth: { secret: TEST_SECRET, expiryWarningMs: WARNING_MS, clockToleranceSeconds: 0 } });
  });
  afterAll(() => server.close());

  it('warns before exp, then closes an unrefreshed connection at exp with TOKEN_EXPIRED and delivers nothing after', async () => {
    const { socket, connected } = await connectClient(server.url, '/rca', tokenFor('lapsing', 'acme', {}, LIFETIME_S));
    await request(socket, 'join', { kind: 'rca', id: '1' });
    const warning = await nextEvent<TokenExpiringPayload>(socket, 'token-expiring', LIFETIME_S * 1000);
    expect(warning.expiresAt).toBe(connected.tokenExpiresAt);
    expect(Date.now()).toBeLessThan(connected.tokenExpiresAt);
    const ended = nextEvent<ErrorPayload>(socket, 'session-ended', LIFETIME_S * 1000 + 1_000);
    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', resolve));
    expect(await ended).toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(await disconnected).toBe('io server disconnect');
    expect(Date.now()).toBeGreaterThanOrEqual(connected.tokenExpiresAt);
    // The server itself no longer holds the socket, so no later room event can reach it.
    expect(await server.app.get(RealtimeService).namespace.in('tenant:acme:rca:1').fetchSockets()).toEqual([]);
  });

  it('keeps a connection open past the first token’s exp when the client refreshes in-band', async () => {
    const { socket, connected } = await connectClient(server.url, '/rca', tokenFor('refresher', 'acme', {}, LIFETIME_S));
    await nextEvent(socket, 'token-expiring', LIFETIME_S * 1000);
    const ack = await request<RefreshTokenAck>(socket, 'refresh-token', { token: tokenFor('refresher', 'acme', {}, 60) });
    expect(ack).toMatchObject({ ok: true });
    expect(ack.ok && ack.expiresAt).toBeGreaterThan(connected.tokenExpiresAt);
    await new Promise((resolve) => setTimeout(resolve, connected.tokenExpiresAt - Date.now() + 300));
    expect(socket.connected).toBe(true);
    expect((await request<{ ok: boolean }>(socket, 'join', { kind: 'rca', id: '2' })).ok).toBe(true);
    socket.close();
  });

  it('refuses a refresh with a token of another user or tenant, or not a token at all', async () => {
    const { socket } = await connectClient(server.url, '/rca', tokenFor('owner', 'acme'));
    expect(await request(socket, 'refresh-token', { token: tokenFor('someone-else', 'acme') })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await request(socket, 'refresh-token', { token: tokenFor('owner', 'globex') })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await request(socket, 'refresh-token', { token: 'garbage' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    expect(await request(socket, 'refresh-token', 'not-an-object')).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(socket.connected).toBe(true);
    socket.close();
  });
});
