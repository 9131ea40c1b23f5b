import type { RealtimeUser } from '@tenantcast/protocol';
import { waitFor } from '@tenantcast/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RealtimeClientError, TokenRequestReason } from '../src/index';
import { ALICE, closeClients, makeClient } from './support/clients';
import { signToken, TEST_SECRET } from './support/jwt';
import { startTestServer, type TestServer } from './support/test-server';
import { waitForStatus } from './support/wait';

// Tokens carry `exp` in whole seconds, so one signed for 4 s lives between 3 and 4 s: the warning
// (and the refresh that takes the room away) comes at least a second after the join.
const TOKEN_SECONDS = 4;
const EXPIRY_WARNING_MS = 2_000;

describe('a room the server takes away after a token refresh (room-lost)', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      auth: {
        secret: TEST_SECRET,
        expiryWarningMs: EXPIRY_WARNING_MS,
        mapClaims: (claims): RealtimeUser => ({ userId: claims.sub as string, tenantId: claims.tenantId as string, rcaIds: claims.rcaIds }),
      },
      rooms: { rca: { authorize: (user, id) => Array.isArray(user.rcaIds) && user.rcaIds.includes(id) } },
    });
  });
  afterEach(() => closeClients());
  afterAll(() => server.close());

  it('shows FORBIDDEN on the room, reports it once, and does not join it again after a reconnect', async () => {
    // The first token allows RCA 42; the in-band refresh brings one that no longer does.
    const token = ({ reason }: { reason: TokenRequestReason }) =>
      signToken({ ...ALICE, rcaIds: reason === 'expiring' ? [] : ['42'] }, { expiresInSeconds: TOKEN_SECONDS });
    const reported: RealtimeClientError[] = [];
    const client = makeClient(server, ALICE, { token, onError: (error) => reported.push(error) });
    await waitForStatus(client, 'connected');
    const room = client.room('rca', '42');
    await waitFor(() => room.getSnapshot().status === 'joined', 'RCA 42 to be joined');
    const joinsBefore = server.received('join');

    await waitFor(() => room.getSnapshot().status === 'error', 'the room to be taken away', TOKEN_SECONDS * 1_000);
    expect(room.getSnapshot()).toMatchObject({ status: 'error', members: [], error: { code: 'FORBIDDEN' } });
    expect(reported).toEqual([expect.objectContaining({ code: 'FORBIDDEN', message: expect.stringMatching(/^The server took room rca\/42 away: /) })]);

    client.socket.io.engine.close();
    await waitForStatus(client, 'reconnecting');
    await waitForStatus(client, 'connected');
    expect(server.received('join')).toBe(joinsBefore);
    expect(room.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'FORBIDDEN' } });
    await room.release();
  });
});
