import { EventEmitter } from 'node:events';
import type { ConnectedPayload } from '@tenantcast/protocol';
import type { Manager } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { resolveReconnection, type ReconnectionOptions } from './backoff';
import { ConnectionSupervisor } from './connection-supervisor';
import { silentLogger } from './logger';
import { RealtimeClientError } from './realtime-client-error';
import { createStatusStore } from './status-store';
import type { SystemRequest, SystemSocket } from './system-socket';
import type { TokenSource } from './token-provider';

/** The part of socket.io-client's Manager the supervisor and ManagerBackoff use. */
class FakeManager extends EventEmitter {
  engine = Object.assign(new EventEmitter(), { transport: { name: 'websocket' } });
  reconnecting: boolean | undefined;
  delay = 0;
  reconnection(value: boolean) {
    this.reconnecting = value;
  }
  reconnectionAttempts() {}
  randomizationFactor() {}
  reconnectionDelay(value: number) {
    this.delay = value;
  }
  reconnectionDelayMax() {}
  /** A new transport: answers for the previous one no longer apply. */
  replaceEngine() {
    this.engine = Object.assign(new EventEmitter(), { transport: { name: 'websocket' } });
  }
}

/** The part of socket.io-client's Socket the supervisor drives; the test plays the server. */
class FakeSocket extends EventEmitter {
  auth: ((send: (data: object) => void) => void) | undefined;
  active = false;
  connected = false;
  opened = 0;
  connect() {
    this.opened += 1;
    this.active = true;
  }
  disconnect() {
    const wasConnected = this.connected;
    this.active = false;
    this.connected = false;
    if (wasConnected) this.emit('disconnect', 'io client disconnect');
  }
  /** What socket.io-client does before sending CONNECT: ask `auth` for the token. */
  handshake(): Promise<object> {
    return new Promise((resolve) => this.auth?.(resolve));
  }
  accept() {
    this.connected = true;
    this.emit('connect');
  }
  private readonly anyListeners: Array<(event: string, ...args: unknown[]) => void> = [];
  /** socket.io-client's catch-all for incoming events (never for connect, connect_error, disconnect). */
  onAny(listener: (event: string, ...args: unknown[]) => void) {
    this.anyListeners.push(listener);
  }
  /** What the server sends: an event through the catch-all listeners first, as socket.io-client does. */
  receive(event: string, payload: unknown) {
    for (const listener of this.anyListeners) listener(event, payload);
    this.emit(event, payload);
  }
  refuse(data: { code: string; message: string }) {
    this.active = false;
    this.emit('connect_error', Object.assign(new Error('Unauthorized'), { data }));
  }
  dropByServer() {
    this.connected = false;
    this.emit('disconnect', 'io server disconnect');
  }
}

const welcome: ConnectedPayload = {
  user: { userId: 'alice', tenantId: 'acme' },
  server: { namespace: '/rca', pingInterval: 1, pingTimeout: 1, maxPayloadBytes: 1, roomKinds: [], protocolVersion: 1 },
  tokenExpiresAt: 1000,
  recovered: false,
};

interface SetupOptions {
  token?: TokenSource;
  reconnection?: ReconnectionOptions | false;
  request?: SystemRequest;
}

function setup(options: SetupOptions = {}) {
  const manager = new FakeManager();
  const socket = new FakeSocket();
  const status = createStatusStore();
  const reasons: string[] = [];
  const reported: RealtimeClientError[] = [];
  const events = { authenticated: 0, lost: 0, forwarded: [] as string[] };
  const token: TokenSource =
    options.token ??
    (({ reason }) => {
      reasons.push(reason);
      return `token-${reasons.length}`;
    });
  const supervisor = new ConnectionSupervisor({
    manager: manager as unknown as Manager,
    socket: socket as unknown as SystemSocket,
    request: options.request ?? (() => Promise.reject(new Error('no request expected'))),
    token,
    reconnection: options.reconnection ?? resolveReconnection({ jitter: 0, maxAttempts: 3 }),
    welcomeTimeoutMs: 500,
    status,
    logger: silentLogger,
    reportError: (error) => reported.push(error),
    subscriptions: {
      connected: () => {
        events.authenticated += 1;
      },
      disconnected: () => {
        events.lost += 1;
      },
      serverEvent: (event) => {
        events.forwarded.push(event);
      },
    },
  });
  /** Connects the way a Tenantcast server would accept it. */
  const connectFully = async () => {
    supervisor.connect();
    await socket.handshake();
    socket.accept();
    socket.receive('connected', welcome);
  };
  return { manager, socket, status, supervisor, reasons, reported, events, connectFully };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('ConnectionSupervisor over a fake socket', () => {
  it("connects on connect(), hands the provider's token to the handshake, and is connected on `connected`", async () => {
    const t = setup();
    t.supervisor.connect();
    expect(t.status.getSnapshot()).toEqual({ type: 'connecting' });
    expect(t.socket.opened).toBe(1);
    expect(await t.socket.handshake()).toEqual({ token: 'token-1' });
    t.socket.accept();
    t.socket.receive('connected', welcome);
    expect(t.status.getSnapshot()).toEqual({ type: 'connected', user: welcome.user, server: welcome.server, tokenExpiresAt: 1000, transport: 'websocket', recovered: false });
    expect(t.events.authenticated).toBe(1);
    t.supervisor.connect();
    expect(t.socket.opened).toBe(1);
  });

  it('handles its own system events and hands every other server event to the subscriptions, through one listener', async () => {
    const t = setup();
    await t.connectFully();
    t.socket.receive('user-joined', { kind: 'rca', id: '42', userId: 'bob' });
    t.socket.receive('rca-updated', { id: 'e1' });
    expect(t.events.forwarded).toEqual(['user-joined', 'rca-updated']);
    expect(t.socket.listenerCount('connected') + t.socket.listenerCount('user-joined')).toBe(0);
  });

  it('retries a refused token once with a fresh one (reason refused), then stops in unauthorized', async () => {
    const t = setup();
    t.supervisor.connect();
    await t.socket.handshake();
    t.socket.refuse({ code: 'UNAUTHORIZED', message: 'A valid token is required.' });
    expect(t.socket.opened).toBe(2);
    expect(t.status.getSnapshot()).toMatchObject({ type: 'connecting', lastError: { code: 'UNAUTHORIZED' } });
    await t.socket.handshake();
    t.socket.refuse({ code: 'UNAUTHORIZED', message: 'A valid token is required.' });
    expect(t.reasons).toEqual(['connect', 'refused']);
    expect(t.status.getSnapshot()).toMatchObject({ type: 'unauthorized', code: 'UNAUTHORIZED' });
    expect(t.socket.opened).toBe(2);
  });

  it('retries another refusal on its own timer, after exactly the delay the status shows', async () => {
    const t = setup();
    t.supervisor.connect();
    await t.socket.handshake();
    t.socket.refuse({ code: 'CONNECTION_LIMIT', message: 'Too many connections.' });
    expect(t.status.getSnapshot()).toMatchObject({ type: 'reconnecting', attempt: 1, delayMs: 1000, lastError: { code: 'CONNECTION_LIMIT' } });
    await vi.advanceTimersByTimeAsync(999);
    expect(t.socket.opened).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(t.socket.opened).toBe(2);
  });

  it("leaves network failures to the Manager, showing the attempt and delay it armed, and goes offline right after its last attempt fails", async () => {
    const t = setup();
    t.supervisor.connect();
    t.socket.emit('connect_error', new Error('xhr poll error'));
    expect(t.status.getSnapshot()).toMatchObject({ type: 'reconnecting', attempt: 1, delayMs: t.manager.delay, lastError: { code: 'DISCONNECTED' } });
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.socket.opened).toBe(1);
    // The Manager's attempts 1 to 3 (maxAttempts) fail in turn; it gives up after the third.
    for (const attempt of [1, 2]) {
      t.manager.emit('reconnect_attempt', attempt);
      t.socket.emit('connect_error', new Error('xhr poll error'));
      expect(t.status.getSnapshot()).toMatchObject({ type: 'reconnecting', attempt: attempt + 1 });
    }
    t.manager.emit('reconnect_attempt', 3);
    t.socket.emit('connect_error', new Error('xhr poll error'));
    expect(t.status.getSnapshot()).toMatchObject({ type: 'offline', lastError: { message: 'Could not reach the server: xhr poll error' } });
    expect(t.socket.active).toBe(false);
  });

  it("starts the Manager's attempts and delays anew once a connection opens", async () => {
    const t = setup();
    t.supervisor.connect();
    t.socket.emit('connect_error', new Error('xhr poll error'));
    t.manager.emit('reconnect_attempt', 1);
    await t.socket.handshake();
    t.socket.accept();
    t.socket.receive('connected', welcome);
    t.socket.connected = false;
    t.socket.emit('disconnect', 'transport close');
    expect(t.status.getSnapshot()).toMatchObject({ type: 'reconnecting', attempt: 1, delayMs: 1000, lastError: { message: 'The connection was lost (transport close).' } });
  });

  it('turns the Manager’s reconnection off and goes offline at the first failure with reconnection: false', () => {
    const t = setup({ reconnection: false });
    expect(t.manager.reconnecting).toBe(false);
    t.supervisor.connect();
    t.socket.emit('connect_error', new Error('websocket error'));
    expect(t.status.getSnapshot()).toMatchObject({ type: 'offline', lastError: { code: 'DISCONNECTED' } });
  });

  it('gives up on a connection the server never confirms within welcomeTimeoutMs, and retries', async () => {
    const t = setup();
    t.supervisor.connect();
    await t.socket.handshake();
    t.socket.accept();
    await vi.advanceTimersByTimeAsync(500);
    expect(t.socket.connected).toBe(false);
    expect(t.events.lost).toBe(1);
    expect(t.status.getSnapshot()).toMatchObject({ type: 'reconnecting', attempt: 1, lastError: { code: 'TIMEOUT' } });
  });

  it('reconnects at once with a fresh token (reason expired) when the server ends the session for an expired token', async () => {
    const t = setup();
    await t.connectFully();
    t.socket.receive('session-ended', { code: 'TOKEN_EXPIRED', message: 'The token expired and was not refreshed.' });
    t.socket.dropByServer();
    expect(t.events.lost).toBe(1);
    expect(t.status.getSnapshot()).toMatchObject({ type: 'reconnecting', attempt: 1, delayMs: 0, lastError: { code: 'TOKEN_EXPIRED' } });
    expect(t.socket.opened).toBe(2);
    await t.socket.handshake();
    expect(t.reasons).toEqual(['connect', 'expired']);
  });

  it('drops a token that arrives after close(), or after the transport it was fetched for was replaced', async () => {
    let answer: (token: string) => void = () => undefined;
    const t = setup({ token: () => new Promise<string>((resolve) => (answer = resolve)) });
    const sent: object[] = [];
    t.supervisor.connect();
    t.socket.auth?.((data) => sent.push(data));
    t.supervisor.close();
    answer('late');
    await vi.advanceTimersByTimeAsync(0);
    t.supervisor.connect();
    t.socket.auth?.((data) => sent.push(data));
    t.manager.replaceEngine();
    answer('stale');
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([]);
    expect(t.status.getSnapshot().type).toBe('connecting');
  });

  it('cancels a scheduled retry on close(), and still tells the subscriptions the connection is gone', async () => {
    const t = setup();
    await t.connectFully();
    t.socket.dropByServer();
    expect(t.status.getSnapshot()).toMatchObject({ type: 'reconnecting', attempt: 1 });
    t.supervisor.close();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(t.socket.opened).toBe(1);
    expect(t.status.getSnapshot()).toEqual({ type: 'idle' });
    expect(t.events.lost).toBe(1);
  });

  it('refreshes the token in-band on token-expiring and shows the new expiry', async () => {
    const sent: unknown[] = [];
    const request = (async (event: string, payload: unknown) => {
      sent.push([event, payload]);
      return { ok: true, expiresAt: 5000 };
    }) as SystemRequest;
    const t = setup({ request });
    await t.connectFully();
    t.socket.receive('token-expiring', { expiresAt: 1000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toEqual([['refresh-token', { token: 'token-2' }]]);
    expect(t.reasons).toEqual(['connect', 'expiring']);
    expect(t.status.getSnapshot()).toMatchObject({ type: 'connected', tokenExpiresAt: 5000 });
  });

  it('reports a refused in-band refresh and keeps the connection', async () => {
    const request = (() => Promise.reject(new RealtimeClientError('UNAUTHORIZED', 'wrong user'))) as SystemRequest;
    const t = setup({ request });
    await t.connectFully();
    t.socket.receive('token-expiring', { expiresAt: 1000 });
    await vi.advanceTimersByTimeAsync(0);
    expect(t.reported.map((error) => [error.code, error.message])).toEqual([['UNAUTHORIZED', 'Refreshing the token failed: wrong user']]);
    expect(t.status.getSnapshot()).toMatchObject({ type: 'connected', lastError: { message: 'Refreshing the token failed: wrong user' } });
  });

  it('shows the transport a connection upgraded to', async () => {
    const t = setup();
    t.manager.engine.transport.name = 'polling';
    t.manager.emit('open');
    await t.connectFully();
    expect(t.status.getSnapshot()).toMatchObject({ type: 'connected', transport: 'polling' });
    t.manager.engine.transport.name = 'websocket';
    t.manager.engine.emit('upgrade');
    expect(t.status.getSnapshot()).toMatchObject({ type: 'connected', transport: 'websocket' });
  });
});
