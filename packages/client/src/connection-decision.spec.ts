import fc from 'fast-check';
import type { ConnectedPayload } from '@tenantcast/protocol';
import { describe, expect, it } from 'vitest';
import {
  decideConnection,
  STOPPED,
  type ConnectionAction,
  type ConnectionDecision,
  type ConnectionEvent,
  type ConnectionPolicy,
  type ConnectionState,
  type RunningState,
} from './connection-decision';
import { RealtimeClientError } from './realtime-client-error';
import type { RealtimeStatus } from './status-store';

const MAX_ATTEMPTS = 3;

function policy(overrides: Partial<ConnectionPolicy> = {}): ConnectionPolicy {
  return { retries: { maxAttempts: MAX_ATTEMPTS, delayMs: (attempt) => attempt * 100 }, canRefreshToken: true, welcomeTimeoutMs: 500, ...overrides };
}

const FIXED_TOKEN = policy({ canRefreshToken: false });
const NO_RETRIES = policy({ retries: false });

function running(overrides: Partial<RunningState> = {}): RunningState {
  return { phase: 'running', authRetryUsed: false, refusalStreak: 0, kickStreak: 0, tokenReason: 'connect', ...overrides };
}

/** Feeds `events` one after another; returns every decision. */
function feed(events: ConnectionEvent[], options: ConnectionPolicy = policy(), from: ConnectionState = running()): ConnectionDecision[] {
  const decisions: ConnectionDecision[] = [];
  let state = from;
  for (const event of events) {
    const decision = decideConnection(state, event, options);
    decisions.push(decision);
    state = decision.state;
  }
  return decisions;
}

function decide(event: ConnectionEvent, options: ConnectionPolicy = policy(), from: ConnectionState = running()): ConnectionDecision {
  return decideConnection(from, event, options);
}

const types = (decision: ConnectionDecision) => decision.actions.map((action) => action.type);

/** The status the decision sets (the last one, if several). */
function statusOf(decision: ConnectionDecision): RealtimeStatus | undefined {
  const set = decision.actions.filter((action): action is Extract<ConnectionAction, { type: 'set-status' }> => action.type === 'set-status');
  return set.at(-1)?.status;
}

const STOP_ACTIONS = ['cancel-retry', 'cancel-welcome-timer', 'close-socket', 'set-status'];
const send = (): void => undefined;
const confirmed: ConnectedPayload = {
  user: { userId: 'alice', tenantId: 'acme' },
  server: { namespace: '/rca', pingInterval: 1, pingTimeout: 1, maxPayloadBytes: 1, roomKinds: ['rca'], protocolVersion: 1 },
  tokenExpiresAt: 1234,
  recovered: false,
};
const refusal = (code: 'UNAUTHORIZED' | 'TOKEN_EXPIRED' | 'CONNECTION_LIMIT' | 'FORBIDDEN', message = `refused: ${code}`) =>
  ({ type: 'handshake-refused', refusal: new RealtimeClientError(code, message) }) as const;
const unreachable = (next?: { attempt: number; delayMs: number }) => ({ type: 'server-unreachable', cause: new Error('xhr poll error'), next }) as const;
const kick = { type: 'server-disconnected' } as const;

describe('connect() and close()', () => {
  it('starts a series from a stopped client: connecting, a fresh Manager backoff, the socket opened', () => {
    const decision = decide({ type: 'connect' }, policy(), STOPPED);
    expect(decision.state).toEqual(running());
    expect(decision.actions).toEqual([{ type: 'reset-backoff' }, { type: 'set-status', status: { type: 'connecting' } }, { type: 'open-socket' }]);
  });

  it('does nothing while already running', () => {
    const state = running({ refusalStreak: 2 });
    expect(decide({ type: 'connect' }, policy(), state)).toEqual({ state, actions: [] });
  });

  it('stops from any phase: both timers cancelled and the socket closed before the status says idle', () => {
    for (const from of [running({ kickStreak: 1 }), STOPPED]) {
      const decision = decide({ type: 'close' }, policy(), from);
      expect(decision.state).toEqual(STOPPED);
      expect(types(decision)).toEqual(STOP_ACTIONS);
      expect(statusOf(decision)).toEqual({ type: 'idle' });
    }
  });
});

describe('tokens for the handshake', () => {
  it('asks the provider with the pending reason, and the next handshake asks for a plain connect', () => {
    const decision = decide({ type: 'token-requested', send }, policy(), running({ tokenReason: 'refused' }));
    expect(decision.actions).toEqual([{ type: 'fetch-token', reason: 'refused', send }]);
    expect(decision.state).toMatchObject({ tokenReason: 'connect' });
  });

  it('sends a fetched token while running, and drops it once stopped', () => {
    expect(decide({ type: 'token-fetched', token: 't', send }).actions).toEqual([{ type: 'send-token', token: 't', send }]);
    expect(decide({ type: 'token-fetched', token: 't', send }, policy(), STOPPED).actions).toEqual([]);
  });

  it('retries a failing provider with backoff after closing the attempt, naming the provider in the error', () => {
    const decision = decide({ type: 'token-failed', thrown: new Error('token endpoint unreachable') });
    expect(types(decision)).toEqual(['log', 'close-socket', 'log', 'set-status', 'schedule-retry']);
    expect(decision.actions[0]).toMatchObject({ level: 'warn', message: 'The token provider failed: token endpoint unreachable' });
    expect(statusOf(decision)).toMatchObject({ type: 'reconnecting', attempt: 1, delayMs: 100, lastError: { code: 'INTERNAL' } });
    expect(decision.actions.at(-1)).toEqual({ type: 'schedule-retry', delayMs: 100 });
    expect(decision.state).toMatchObject({ refusalStreak: 1 });
  });

  it('goes offline when the provider keeps failing past maxAttempts', () => {
    const decisions = feed(Array.from({ length: MAX_ATTEMPTS + 1 }, () => ({ type: 'token-failed', thrown: new Error('down') }) as const));
    expect(decisions.slice(0, MAX_ATTEMPTS).map((d) => statusOf(d))).toMatchObject([1, 2, 3].map((attempt) => ({ type: 'reconnecting', attempt, delayMs: attempt * 100 })));
    const last = decisions.at(-1)!;
    expect(last.state).toEqual(STOPPED);
    expect(statusOf(last)).toMatchObject({ type: 'offline', lastError: { message: 'The token provider failed: down' } });
  });

  it('stops in unauthorized at once when the provider throws UNAUTHORIZED (signed out), keeping its error', () => {
    const signedOut = new RealtimeClientError('UNAUTHORIZED', 'Signed out');
    const decision = decide({ type: 'token-failed', thrown: signedOut });
    expect(decision.state).toEqual(STOPPED);
    expect(types(decision)).toEqual(STOP_ACTIONS);
    expect(statusOf(decision)).toEqual({ type: 'unauthorized', code: 'UNAUTHORIZED', lastError: signedOut });
  });
});

describe('the server confirming the connection', () => {
  it('resets the Manager backoff and starts waiting for `connected` once Socket.IO accepted the connection', () => {
    expect(types(decide({ type: 'socket-connected' }))).toEqual(['reset-backoff', 'start-welcome-timer']);
  });

  it('is connected on `connected`, gives back the fresh-token retry and the refusal count, and restores subscriptions', () => {
    const decision = decide({ type: 'server-confirmed', payload: confirmed, transport: 'polling' }, policy(), running({ authRetryUsed: true, refusalStreak: 2, kickStreak: 1 }));
    expect(decision.actions).toEqual([
      { type: 'cancel-welcome-timer' },
      { type: 'cancel-retry' },
      { type: 'set-status', status: { type: 'connected', user: confirmed.user, server: confirmed.server, tokenExpiresAt: 1234, transport: 'polling', recovered: false } },
      { type: 'notify-authenticated', recovered: false },
    ]);
    // Kicks are forgiven only by a sign of a healthy connection, not by reconnecting.
    expect(decision.state).toEqual(running({ kickStreak: 1 }));
  });

  it('treats a missing `connected` as a failed attempt: TIMEOUT, socket closed, retried with backoff', () => {
    const decision = decide({ type: 'welcome-timed-out' });
    expect(types(decision)).toEqual(['log', 'close-socket', 'log', 'set-status', 'schedule-retry']);
    expect(statusOf(decision)).toMatchObject({ type: 'reconnecting', attempt: 1, lastError: { code: 'TIMEOUT' } });
    expect(statusOf(decision)?.lastError?.message).toMatch(/did not confirm the connection \('connected'\) within 500 ms/);
  });

  it('goes offline after maxAttempts missing confirmations', () => {
    const last = feed(Array.from({ length: MAX_ATTEMPTS + 1 }, () => ({ type: 'welcome-timed-out' }) as const)).at(-1)!;
    expect(statusOf(last)).toMatchObject({ type: 'offline', lastError: { code: 'TIMEOUT' } });
  });
});

describe('a refused handshake', () => {
  it.each(['UNAUTHORIZED', 'TOKEN_EXPIRED'] as const)('retries %s once at once with a fresh token, showing the refusal meanwhile', (code) => {
    const [refused, handshake] = feed([refusal(code), { type: 'token-requested', send }]);
    expect(refused!.actions).toEqual([
      { type: 'log', level: 'debug', message: `Handshake refused (${code}); retrying once with a fresh token` },
      { type: 'record-error', error: expect.objectContaining({ code }) },
      { type: 'open-socket' },
    ]);
    expect(refused!.state).toMatchObject({ authRetryUsed: true, tokenReason: 'refused' });
    expect(handshake!.actions).toEqual([{ type: 'fetch-token', reason: 'refused', send }]);
  });

  it('stops in unauthorized when the fresh token is refused too, keeping the code and saying so', () => {
    const last = feed([refusal('UNAUTHORIZED', 'A valid token is required.'), refusal('UNAUTHORIZED', 'A valid token is required.')]).at(-1)!;
    expect(last.state).toEqual(STOPPED);
    expect(types(last)).toEqual(STOP_ACTIONS);
    const status = statusOf(last);
    expect(status).toMatchObject({ type: 'unauthorized', code: 'UNAUTHORIZED', lastError: { code: 'UNAUTHORIZED' } });
    expect(status?.lastError?.message).toBe('A valid token is required. A fresh token from the token provider was refused too; sign the user in again.');
    expect(status?.lastError?.cause).toMatchObject({ message: 'A valid token is required.' });
  });

  it('stops at once for a fixed token, which cannot change, naming the fix', () => {
    const decision = decide(refusal('TOKEN_EXPIRED', 'The token has expired.'), FIXED_TOKEN);
    expect(statusOf(decision)).toMatchObject({ type: 'unauthorized', code: 'TOKEN_EXPIRED' });
    expect(statusOf(decision)?.lastError?.message).toMatch(/^The token has expired\. A fixed token cannot be replaced: pass a function as 'token'/);
  });

  it('retries other codes (CONNECTION_LIMIT) with backoff up to maxAttempts, then goes offline', () => {
    const decisions = feed(Array.from({ length: MAX_ATTEMPTS + 1 }, () => refusal('CONNECTION_LIMIT')));
    for (const [index, decision] of decisions.slice(0, MAX_ATTEMPTS).entries()) {
      const attempt = index + 1;
      expect(types(decision)).toEqual(['log', 'set-status', 'schedule-retry']);
      expect(statusOf(decision)).toMatchObject({ type: 'reconnecting', attempt, delayMs: attempt * 100, lastError: { code: 'CONNECTION_LIMIT' } });
      expect(decision.actions.at(-1)).toEqual({ type: 'schedule-retry', delayMs: attempt * 100 });
    }
    const last = decisions.at(-1)!;
    expect(last.state).toEqual(STOPPED);
    expect(statusOf(last)).toMatchObject({ type: 'offline', lastError: { code: 'CONNECTION_LIMIT' } });
  });

  it('goes offline at once without reconnection', () => {
    expect(statusOf(decide(refusal('CONNECTION_LIMIT'), NO_RETRIES))).toMatchObject({ type: 'offline', lastError: { code: 'CONNECTION_LIMIT' } });
  });

  it('stops offline at once when the server refuses the namespace (FORBIDDEN), naming the fix', () => {
    const decision = decide(refusal('FORBIDDEN', 'Refused.'));
    expect(decision.state).toEqual(STOPPED);
    expect(types(decision)).toEqual(STOP_ACTIONS);
    expect(statusOf(decision)).toMatchObject({ type: 'offline', lastError: { code: 'FORBIDDEN' } });
    expect(statusOf(decision)?.lastError?.message).toMatch(/^Refused\. The server refuses this namespace to every client/);
  });
});

describe('network failures, retried by the Manager', () => {
  it("report the Manager's next attempt and delay when the server is unreachable, with no timer of our own", () => {
    const decision = decide(unreachable({ attempt: 2, delayMs: 1900 }));
    expect(decision.actions).toEqual([{ type: 'set-status', status: { type: 'reconnecting', attempt: 2, delayMs: 1900, lastError: expect.objectContaining({ code: 'DISCONNECTED' }) } }]);
    expect(statusOf(decision)?.lastError?.message).toBe('Could not reach the server: xhr poll error');
    expect(decision.state).toMatchObject({ networkError: statusOf(decision)?.lastError });
  });

  it('drop the subscriptions first when an open connection is lost', () => {
    const decision = decide({ type: 'connection-lost', reason: 'transport close', next: { attempt: 1, delayMs: 1000 } });
    expect(types(decision)).toEqual(['cancel-welcome-timer', 'notify-disconnected', 'set-status']);
    expect(statusOf(decision)).toMatchObject({ type: 'reconnecting', attempt: 1, delayMs: 1000, lastError: { message: 'The connection was lost (transport close).' } });
  });

  it("carry the server's reason when it announced the close: session-ended SERVER_SHUTDOWN, then the transport closes", () => {
    const shutdown = { code: 'SERVER_SHUTDOWN', message: 'This server is shutting down; reconnect and another one takes over.' } as const;
    const [announced, lost] = feed([{ type: 'session-ended', payload: shutdown }, { type: 'connection-lost', reason: 'transport close', next: { attempt: 1, delayMs: 1000 } }]);
    expect(announced!.actions).toEqual([]);
    expect(types(lost!)).toEqual(['cancel-welcome-timer', 'notify-disconnected', 'set-status']);
    expect(statusOf(lost!)).toEqual({ type: 'reconnecting', attempt: 1, delayMs: 1000, lastError: expect.objectContaining(shutdown) });
    // Remembered for the offline status should the Manager give up, and forgotten with its connection.
    expect(lost!.state).toEqual(running({ networkError: statusOf(lost!)?.lastError }));
    const next = decide({ type: 'connection-lost', reason: 'ping timeout', next: { attempt: 1, delayMs: 1000 } }, policy(), lost!.state);
    expect(statusOf(next)?.lastError).toMatchObject({ code: 'DISCONNECTED', message: 'The connection was lost (ping timeout).' });
  });

  it("go offline with the server's reason when a shutdown closes a client without reconnection", () => {
    const last = feed([{ type: 'session-ended', payload: { code: 'SERVER_SHUTDOWN', message: 'Shutting down.' } }, { type: 'connection-lost', reason: 'transport close', next: undefined }], NO_RETRIES).at(-1)!;
    expect(statusOf(last)).toMatchObject({ type: 'offline', lastError: { code: 'SERVER_SHUTDOWN', message: 'Shutting down.' } });
  });

  it('wait for the Manager to give up once its backoff is exhausted, then go offline with the last network error', () => {
    const [exhausted, failed] = feed([unreachable(undefined), { type: 'reconnect-failed' }]);
    expect(exhausted!.actions).toEqual([]);
    expect(failed!.state).toEqual(STOPPED);
    expect(types(failed!)).toEqual(STOP_ACTIONS);
    expect(statusOf(failed!)).toMatchObject({ type: 'offline', lastError: { message: 'Could not reach the server: xhr poll error' } });
  });

  it('go offline at once without reconnection (no backoff)', () => {
    const decision = decide({ type: 'connection-lost', reason: 'ping timeout', next: undefined }, NO_RETRIES);
    expect(types(decision)).toEqual(['cancel-welcome-timer', 'notify-disconnected', ...STOP_ACTIONS]);
    expect(statusOf(decision)).toMatchObject({ type: 'offline', lastError: { code: 'DISCONNECTED' } });
  });
});

describe('disconnects by the server', () => {
  const expired = { type: 'session-ended', payload: { code: 'TOKEN_EXPIRED', message: 'The token expired and was not refreshed.' } } as const;
  const revoked = { type: 'session-ended', payload: { code: 'UNAUTHORIZED', message: 'Signed out by an administrator' } } as const;

  it('reconnect at once with a fresh token after session-ended TOKEN_EXPIRED, spending the fresh-token retry', () => {
    const [, disconnected, handshake] = feed([expired, kick, { type: 'token-requested', send }], policy(), running({ kickStreak: 2 }));
    expect(disconnected!.actions).toEqual([
      { type: 'cancel-welcome-timer' },
      { type: 'notify-disconnected' },
      { type: 'set-status', status: { type: 'reconnecting', attempt: 1, delayMs: 0, lastError: expect.objectContaining({ code: 'TOKEN_EXPIRED' }) } },
      { type: 'open-socket' },
    ]);
    expect(disconnected!.state).toEqual(running({ kickStreak: 2, authRetryUsed: true, tokenReason: 'expired' }));
    expect(handshake!.actions).toMatchObject([{ type: 'fetch-token', reason: 'expired' }]);
  });

  it('stop in unauthorized after session-ended TOKEN_EXPIRED when the token cannot be refreshed', () => {
    const last = feed([expired, kick], FIXED_TOKEN).at(-1)!;
    expect(types(last)).toEqual(['cancel-welcome-timer', 'notify-disconnected', ...STOP_ACTIONS]);
    expect(statusOf(last)).toMatchObject({ type: 'unauthorized', code: 'TOKEN_EXPIRED' });
    expect(statusOf(last)?.lastError?.message).toMatch(/^The token expired and was not refreshed\. A fixed token cannot be replaced/);
  });

  it('treat session-ended TOKEN_EXPIRED as a plain kick without reconnection: offline', () => {
    expect(statusOf(feed([expired, kick], NO_RETRIES).at(-1)!)).toMatchObject({ type: 'offline', lastError: { code: 'TOKEN_EXPIRED' } });
  });

  it('stop in unauthorized after session-ended UNAUTHORIZED, with the server reason, and never come back', () => {
    const last = feed([revoked, kick]).at(-1)!;
    expect(last.state).toEqual(STOPPED);
    expect(types(last)).not.toContain('open-socket');
    expect(statusOf(last)).toEqual({ type: 'unauthorized', code: 'UNAUTHORIZED', lastError: expect.objectContaining({ message: 'Signed out by an administrator' }) });
  });

  it('retry other kicks with backoff, counted across reconnects until the server shows a healthy connection', () => {
    const reconnect = [{ type: 'socket-connected' }, { type: 'server-confirmed', payload: confirmed, transport: 'websocket' }] as const;
    const decisions = feed([kick, ...reconnect, kick, { type: 'token-expiring', expiresAt: 1 }, kick]);
    const kicks = decisions.filter((_, index) => [0, 3, 5].includes(index)).map((decision) => statusOf(decision));
    expect(kicks).toMatchObject([
      { type: 'reconnecting', attempt: 1, delayMs: 100, lastError: { code: 'DISCONNECTED', message: 'The server closed the connection.' } },
      { type: 'reconnecting', attempt: 2, delayMs: 200 },
      { type: 'reconnecting', attempt: 1, delayMs: 100 },
    ]);
  });

  it('end offline, not in a loop, when the server keeps closing every connection', () => {
    const decisions = feed(Array.from({ length: MAX_ATTEMPTS + 1 }, () => kick));
    expect(decisions.filter((decision) => types(decision).includes('schedule-retry'))).toHaveLength(MAX_ATTEMPTS);
    expect(statusOf(decisions.at(-1)!)).toMatchObject({ type: 'offline', lastError: { code: 'DISCONNECTED' } });
  });

  it('forget a session-ended once its connection is gone, so a later kick is a plain one', () => {
    const last = feed([revoked, { type: 'connection-lost', reason: 'transport close', next: { attempt: 1, delayMs: 1 } }, kick]).at(-1)!;
    expect(statusOf(last)).toMatchObject({ type: 'reconnecting', lastError: { code: 'DISCONNECTED' } });
  });
});

describe('everything else', () => {
  it('answers token-expiring with an in-band refresh, or a warning that names the fix for a fixed token', () => {
    expect(decide({ type: 'token-expiring', expiresAt: 0 }).actions).toEqual([{ type: 'refresh-token' }]);
    expect(decide({ type: 'token-expiring', expiresAt: 0 }, FIXED_TOKEN).actions).toEqual([
      { type: 'log', level: 'warn', message: "The token expires at 1970-01-01T00:00:00.000Z and cannot be refreshed: pass a token provider function as 'token'." },
    ]);
  });

  it('opens the socket when its own retry is due', () => {
    expect(decide({ type: 'retry-due' }).actions).toEqual([{ type: 'open-socket' }]);
  });

  it('only drops the subscriptions when this client closed the socket', () => {
    const decision = decide({ type: 'client-disconnected' }, policy(), running({ sessionEnd: { code: 'UNAUTHORIZED', message: 'x' } }));
    expect(decision).toEqual({ state: running(), actions: [{ type: 'cancel-welcome-timer' }, { type: 'notify-disconnected' }] });
  });

  it('once stopped, lets socket events only tell the subscriptions that the connection is gone', () => {
    const events: [ConnectionEvent, string[]][] = [
      [{ type: 'token-requested', send }, []],
      [{ type: 'token-failed', thrown: new Error('x') }, []],
      [{ type: 'socket-connected' }, []],
      [{ type: 'server-confirmed', payload: confirmed, transport: 'websocket' }, ['cancel-welcome-timer']],
      [{ type: 'welcome-timed-out' }, []],
      [refusal('UNAUTHORIZED'), []],
      [unreachable({ attempt: 1, delayMs: 1 }), []],
      [{ type: 'connection-lost', reason: 'transport close', next: undefined }, ['cancel-welcome-timer', 'notify-disconnected']],
      [{ type: 'session-ended', payload: { code: 'UNAUTHORIZED', message: 'x' } }, []],
      [kick, ['cancel-welcome-timer', 'notify-disconnected']],
      [{ type: 'client-disconnected' }, ['cancel-welcome-timer', 'notify-disconnected']],
      [{ type: 'token-expiring', expiresAt: 1 }, []],
      [{ type: 'retry-due' }, []],
      [{ type: 'reconnect-failed' }, []],
    ];
    for (const [event, expected] of events) {
      const decision = decide(event, policy(), STOPPED);
      expect(decision.state, event.type).toBe(STOPPED);
      expect(types(decision), event.type).toEqual(expected);
    }
  });
});

describe('whatever happens', () => {
  const event = fc.constantFrom<ConnectionEvent>(
    { type: 'token-requested', send },
    { type: 'token-failed', thrown: new Error('x') },
    { type: 'socket-connected' },
    { type: 'welcome-timed-out' },
    refusal('UNAUTHORIZED'),
    refusal('CONNECTION_LIMIT'),
    unreachable({ attempt: 1, delayMs: 1 }),
    unreachable(undefined),
    { type: 'connection-lost', reason: 'transport close', next: { attempt: 1, delayMs: 1 } },
    { type: 'session-ended', payload: { code: 'TOKEN_EXPIRED', message: 'x' } },
    kick,
    { type: 'client-disconnected' },
    { type: 'retry-due' },
    { type: 'reconnect-failed' },
  );

  it('retries on its own at most maxAttempts times per kind of failure until the server confirms a connection', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        const retries = feed(events).filter((decision) => types(decision).includes('schedule-retry'));
        expect(retries.length).toBeLessThanOrEqual(2 * MAX_ATTEMPTS);
      }),
    );
  });

  it('closes the socket and sets a terminal status whenever it stops, and stays stopped until connect()', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 60 }), (events) => {
        let stopped = false;
        for (const decision of feed(events)) {
          if (stopped) {
            expect(decision.state).toBe(STOPPED);
            expect(types(decision)).not.toContain('open-socket');
          } else if (decision.state.phase === 'stopped') {
            stopped = true;
            expect(types(decision).slice(-4)).toEqual(STOP_ACTIONS);
            expect(['offline', 'unauthorized']).toContain(statusOf(decision)?.type);
          }
        }
      }),
    );
  });
});
