import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RealtimeClientError, type TokenRequestReason } from '../src/index';
import { ALICE, closeClients, makeClient } from './support/clients';
import { expiryOf, signToken, TEST_SECRET } from './support/jwt';
import { startTestServer, type TestServer } from './support/test-server';
import { recordStatuses, waitForStatus } from './support/wait';
import { sleep, waitFor } from '@tenantcast/test-support';

/** Lifetime of the short tokens, and how long before `exp` the server warns. */
const TOKEN_SECONDS = 3;
const EXPIRY_WARNING_MS = 1_500;
const RECONNECTION = { delayMs: 50, maxDelayMs: 200, jitter: 0, maxAttempts: 5 };

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ auth: { secret: TEST_SECRET, expiryWarningMs: EXPIRY_WARNING_MS } });
});
afterEach(() => closeClients());
afterAll(() => server.close());

/** A token provider that records why it was called and answers from `answer`. */
function recordingProvider(answer: (reason: TokenRequestReason, call: number) => string | Promise<string>) {
  const reasons: TokenRequestReason[] = [];
  const provider = ({ reason }: { reason: TokenRequestReason }) => {
    reasons.push(reason);
    return answer(reason, reasons.length);
  };
  return { provider, reasons };
}

describe('tokens', () => {
  it('retries a TOKEN_EXPIRED refusal once with a fresh token, then connects', async () => {
    const { provider, reasons } = recordingProvider((reason) => signToken(ALICE, { expiresInSeconds: reason === 'connect' ? -60 : 300 }));
    const transportsBefore = server.transportConnections;
    const client = makeClient(server, ALICE, { token: provider, reconnection: RECONNECTION });
    const recorder = recordStatuses(client);
    await waitForStatus(client, 'connected');
    recorder.stop();
    expect(reasons).toEqual(['connect', 'refused']);
    expect(server.transportConnections - transportsBefore).toBe(2);
    // The refusal was visible while it was retried, and cleared once connected.
    expect(recorder.statuses.some((s) => s.type === 'connecting' && s.lastError?.code === 'TOKEN_EXPIRED')).toBe(true);
    expect(client.status.getSnapshot().lastError).toBeUndefined();
  });

  it('stops in unauthorized after one fresh token is refused too, without a retry loop', async () => {
    const { provider, reasons } = recordingProvider(() => signToken(ALICE, { secret: 'a-different-secret-of-at-least-32-bytes!' }));
    const transportsBefore = server.transportConnections;
    const client = makeClient(server, ALICE, { token: provider, reconnection: RECONNECTION });
    const status = await waitForStatus(client, 'unauthorized');
    expect(status.code).toBe('UNAUTHORIZED');
    expect(status.lastError).toBeInstanceOf(RealtimeClientError);
    // Longer than the whole retry budget would take: nothing else happens.
    await sleep(RECONNECTION.maxDelayMs * RECONNECTION.maxAttempts);
    expect(reasons).toEqual(['connect', 'refused']);
    expect(server.transportConnections - transportsBefore).toBe(2);
    expect(client.status.getSnapshot().type).toBe('unauthorized');
  });

  it('does not retry a fixed token the server refused: it cannot change', async () => {
    const transportsBefore = server.transportConnections;
    const client = makeClient(server, ALICE, { token: 'not-a-jwt', reconnection: RECONNECTION });
    const status = await waitForStatus(client, 'unauthorized');
    expect(status.code).toBe('UNAUTHORIZED');
    await sleep(RECONNECTION.maxDelayMs * RECONNECTION.maxAttempts);
    expect(server.transportConnections - transportsBefore).toBe(1);
  });

  it('stops at once when the provider throws UNAUTHORIZED (e.g. signed out), and retries other provider failures', async () => {
    const signedOut = makeClient(server, ALICE, {
      token: () => {
        throw new RealtimeClientError('UNAUTHORIZED', 'Signed out');
      },
    });
    expect((await waitForStatus(signedOut, 'unauthorized')).lastError?.message).toBe('Signed out');

    const { provider, reasons } = recordingProvider((_reason, call) => {
      if (call === 1) throw new Error('token endpoint unreachable');
      return signToken(ALICE);
    });
    const flaky = makeClient(server, ALICE, { token: provider, reconnection: RECONNECTION });
    const recorder = recordStatuses(flaky);
    await waitForStatus(flaky, 'connected');
    recorder.stop();
    expect(reasons).toEqual(['connect', 'connect']);
    const retry = recorder.statuses.find((s) => s.type === 'reconnecting');
    expect(retry).toMatchObject({ attempt: 1, delayMs: RECONNECTION.delayMs });
    expect(retry?.lastError?.message).toMatch(/token provider failed: token endpoint unreachable/);
  });

  it("refreshes in-band on token-expiring and keeps the same connection past the first token's exp", async () => {
    const { provider, reasons } = recordingProvider(() => signToken(ALICE, { expiresInSeconds: TOKEN_SECONDS }));
    const client = makeClient(server, ALICE, { token: provider, reconnection: RECONNECTION });
    const first = await waitForStatus(client, 'connected');
    const socketId = client.socket.id;
    const firstExpiry = first.tokenExpiresAt;
    let disconnects = 0;
    client.socket.on('disconnect', () => {
      disconnects += 1;
    });

    await waitFor(() => Date.now() > firstExpiry + EXPIRY_WARNING_MS, "well past the first token's exp", TOKEN_SECONDS * 3_000);
    const now = client.status.getSnapshot();
    expect(now.type).toBe('connected');
    expect(client.socket.id).toBe(socketId);
    expect(disconnects).toBe(0);
    expect(reasons[0]).toBe('connect');
    expect(reasons.slice(1).every((reason) => reason === 'expiring')).toBe(true);
    expect(reasons.length).toBeGreaterThanOrEqual(2);
    expect(now.type === 'connected' && now.tokenExpiresAt).toBeGreaterThan(firstExpiry);
  });

  it('reconnects with a fresh token when the server ends the session for an unrefreshed token', async () => {
    // The in-band refresh hands back an already expired token, so the server ends the session at exp.
    const { provider, reasons } = recordingProvider((reason) => signToken(ALICE, { expiresInSeconds: reason === 'expiring' ? -60 : TOKEN_SECONDS }));
    const onError: RealtimeClientError[] = [];
    const client = makeClient(server, ALICE, { token: provider, reconnection: RECONNECTION, onError: (error) => onError.push(error) });
    const first = await waitForStatus(client, 'connected');
    const socketId = client.socket.id;
    const recorder = recordStatuses(client);
    await waitFor(() => client.socket.id !== undefined && client.socket.id !== socketId && client.status.getSnapshot().type === 'connected', 'a new connection', TOKEN_SECONDS * 3_000);
    recorder.stop();
    expect(onError.map((error) => error.code)).toContain('TOKEN_EXPIRED');
    expect(reasons.slice(0, 3)).toEqual(['connect', 'expiring', 'expired']);
    const reconnecting = recorder.statuses.find((s) => s.type === 'reconnecting');
    expect(reconnecting).toMatchObject({ attempt: 1, delayMs: 0, lastError: { code: 'TOKEN_EXPIRED' } });
    const second = client.status.getSnapshot();
    expect(second.type === 'connected' && second.tokenExpiresAt).toBeGreaterThan(first.tokenExpiresAt - 1);
  });

  it('stops in unauthorized when the server revokes the session, without coming back', async () => {
    const revoked = { sub: 'revoked', tenantId: 'acme' };
    const { provider, reasons } = recordingProvider(() => signToken(revoked));
    const client = makeClient(server, revoked, { token: provider, reconnection: RECONNECTION });
    await waitForStatus(client, 'connected');
    const transports = server.transportConnections;
    server.realtime.disconnectUser('acme', 'revoked', 'Signed out by an administrator');
    const status = await waitForStatus(client, 'unauthorized');
    expect(status.code).toBe('UNAUTHORIZED');
    expect(status.lastError?.message).toBe('Signed out by an administrator');
    await sleep(RECONNECTION.maxDelayMs * RECONNECTION.maxAttempts);
    expect(server.transportConnections).toBe(transports);
    expect(reasons).toEqual(['connect']);
  });

  it('signs tokens the way the server reads them', () => {
    const token = signToken(ALICE, { expiresInSeconds: 10, now: 1_000_000 });
    expect(expiryOf(token)).toBe(1_010);
  });
});
