import type { PresenceMember } from '@tenantcast/protocol';
import { describe, expect, it } from 'vitest';
import { RealtimeClientError } from './realtime-client-error';
import { SharedSubscription, type OpenResult } from './shared-subscription';

const alice: PresenceMember = { userId: 'alice', connections: 1, meta: {}, since: 1 };

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A fake server side: records calls; each open/close waits until the test answers it. */
function setup(options: { connected?: boolean } = {}) {
  const calls: string[] = [];
  const opens: Deferred<OpenResult>[] = [];
  const closes: Deferred<void>[] = [];
  const reported: RealtimeClientError[] = [];
  let connected = options.connected ?? true;
  let disposed = 0;
  const subscription = new SharedSubscription({
    isConnected: () => connected,
    open: () => {
      calls.push('open');
      const next = deferred<OpenResult>();
      opens.push(next);
      return next.promise;
    },
    close: () => {
      calls.push('close');
      const next = deferred<void>();
      closes.push(next);
      return next.promise;
    },
    reportReopenFailure: (error) => reported.push(error),
    reportCloseFailure: (error) => reported.push(error),
    onDisposed: () => {
      disposed += 1;
    },
  });
  return {
    subscription,
    calls,
    opens,
    closes,
    reported,
    get disposed() {
      return disposed;
    },
    setConnected(value: boolean) {
      connected = value;
    },
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('SharedSubscription', () => {
  it('opens once for two references and closes after the last release', async () => {
    const t = setup();
    t.subscription.retain();
    t.subscription.retain();
    await tick();
    expect(t.calls).toEqual(['open']);
    t.opens[0]!.resolve({ members: [alice], room: 'tenant:acme:rca:1' });
    await tick();
    expect(t.subscription.state.getSnapshot()).toMatchObject({ status: 'joined', members: [alice], room: 'tenant:acme:rca:1' });
    await t.subscription.release();
    expect(t.calls).toEqual(['open']);
    const last = t.subscription.release();
    await tick();
    expect(t.calls).toEqual(['open', 'close']);
    t.closes[0]!.resolve();
    await last;
    expect(t.disposed).toBe(1);
  });

  it('keeps the subscription when released and retained in the same tick (StrictMode)', async () => {
    const t = setup();
    t.subscription.retain();
    void t.subscription.release();
    t.subscription.retain();
    await tick();
    expect(t.calls).toEqual(['open']);
    expect(t.disposed).toBe(0);
  });

  it('never lets a close overtake a pending open, nor an open a pending close', async () => {
    const t = setup();
    t.subscription.retain();
    const released = t.subscription.release();
    await tick();
    // The open is in flight; the close waits for it.
    expect(t.calls).toEqual(['open']);
    t.opens[0]!.resolve({ members: [] });
    await tick();
    expect(t.calls).toEqual(['open', 'close']);
    // Retained while the close is in flight: the open is queued after it.
    t.subscription.retain();
    await tick();
    expect(t.calls).toEqual(['open', 'close']);
    t.closes[0]!.resolve();
    await released;
    await tick();
    expect(t.calls).toEqual(['open', 'close', 'open']);
    expect(t.disposed).toBe(0);
  });

  it('waits for the connection, re-opens after each reconnect and keeps members meanwhile', async () => {
    const t = setup({ connected: false });
    t.subscription.retain();
    await tick();
    expect(t.calls).toEqual([]);
    t.setConnected(true);
    t.subscription.connected();
    await tick();
    t.opens[0]!.resolve({ members: [alice] });
    await tick();
    t.setConnected(false);
    t.subscription.disconnected();
    expect(t.subscription.state.getSnapshot()).toMatchObject({ status: 'joining', members: [alice] });
    t.setConnected(true);
    t.subscription.connected();
    await tick();
    expect(t.calls).toEqual(['open', 'open']);
    t.opens[1]!.resolve({ members: [] });
    await tick();
    expect(t.subscription.state.getSnapshot()).toMatchObject({ status: 'joined', members: [] });
  });

  it('after a recovered session counts as joined without asking again, with the changes it missed applied', async () => {
    const t = setup();
    t.subscription.retain();
    await tick();
    t.opens[0]!.resolve({ members: [alice], room: 'tenant:acme:rca:42' });
    await tick();
    t.subscription.disconnected();
    const bob: PresenceMember = { userId: 'bob', connections: 1, meta: {}, since: 2 };
    // Replayed by the server before it confirms the recovered connection.
    t.subscription.update((members) => [...members, bob]);
    t.subscription.connected(true);
    expect(t.calls).toEqual(['open']);
    expect(t.subscription.state.getSnapshot()).toEqual({ status: 'joined', members: [alice, bob], room: 'tenant:acme:rca:42' });
  });

  it('after a session that was not recovered, joins again even if it was joined before', async () => {
    const t = setup();
    t.subscription.retain();
    await tick();
    t.opens[0]!.resolve({ members: [alice], room: 'tenant:acme:rca:42' });
    await tick();
    t.subscription.disconnected();
    t.subscription.connected(false);
    await tick();
    expect(t.calls).toEqual(['open', 'open']);
  });

  it('once revoked by the server, shows the refusal and is not opened again until every reference is released', async () => {
    const t = setup();
    t.subscription.retain();
    await tick();
    t.opens[0]!.resolve({ members: [alice], room: 'tenant:acme:rca:42' });
    await tick();
    const lost = new RealtimeClientError('FORBIDDEN', 'Your refreshed token no longer allows rca 42.');
    t.subscription.revoked(lost);
    expect(t.subscription.state.getSnapshot()).toEqual({ status: 'error', members: [], error: lost });
    t.subscription.disconnected();
    t.subscription.connected();
    t.subscription.retain();
    await tick();
    expect(t.calls).toEqual(['open']);
    expect(t.subscription.state.getSnapshot()).toMatchObject({ status: 'error', error: lost });
    await t.subscription.release();
    await t.subscription.release();
    // The server already dropped it: no leave is sent.
    expect(t.calls).toEqual(['open']);
    expect(t.disposed).toBe(1);
    t.subscription.retain();
    await tick();
    expect(t.calls).toEqual(['open', 'open']);
  });

  it('reports a failed re-open and keeps it in the state; a first failure only in the state', async () => {
    const t = setup();
    t.subscription.retain();
    await tick();
    t.opens[0]!.reject(new RealtimeClientError('FORBIDDEN', 'no'));
    await tick();
    expect(t.subscription.state.getSnapshot()).toMatchObject({ status: 'error', error: { code: 'FORBIDDEN' } });
    expect(t.reported).toEqual([]);
    // A reconnect retries it.
    t.subscription.disconnected();
    t.subscription.connected();
    await tick();
    t.opens[1]!.resolve({ members: [alice] });
    await tick();
    t.subscription.disconnected();
    t.subscription.connected();
    await tick();
    t.opens[2]!.reject(new RealtimeClientError('FORBIDDEN', 'revoked'));
    await tick();
    expect(t.subscription.state.getSnapshot()).toMatchObject({ status: 'error', error: { message: 'revoked' } });
    expect(t.reported.map((error) => error.message)).toEqual(['revoked']);
  });

  it('ignores an answer that arrives after the connection dropped', async () => {
    const t = setup();
    t.subscription.retain();
    await tick();
    t.subscription.disconnected();
    t.opens[0]!.resolve({ members: [alice] });
    await tick();
    expect(t.subscription.state.getSnapshot().status).toBe('joining');
    t.subscription.update(() => []);
    expect(t.subscription.state.getSnapshot().members).toEqual([]);
  });

  it('exposes its state read-only, as frozen snapshots', async () => {
    const t = setup();
    expect(Object.keys(t.subscription.state).sort()).toEqual(['getSnapshot', 'subscribe']);
    t.subscription.retain();
    await tick();
    t.opens[0]!.resolve({ members: [alice] });
    await tick();
    const joined = t.subscription.state.getSnapshot();
    expect(Object.isFrozen(joined)).toBe(true);
    expect(Object.isFrozen(joined.members)).toBe(true);
  });
});
