import { describe, expect, it, vi } from 'vitest';
import { createStore, mapStore } from './external-store';
import { RealtimeClientError } from './realtime-client-error';
import { createStatusStore } from './status-store';

describe('status store', () => {
  it('starts idle and keeps the snapshot identity until the status changes', () => {
    const status = createStatusStore();
    const first = status.getSnapshot();
    expect(first).toEqual({ type: 'idle' });
    expect(status.getSnapshot()).toBe(first);
    const listener = vi.fn();
    status.subscribe(listener);
    status.set({ type: 'idle' });
    expect(listener).not.toHaveBeenCalled();
    expect(status.getSnapshot()).toBe(first);
    status.set({ type: 'reconnecting', attempt: 2, delayMs: 2000 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(status.getSnapshot()).toEqual({ type: 'reconnecting', attempt: 2, delayMs: 2000 });
    expect(Object.isFrozen(status.getSnapshot())).toBe(true);
  });

  it('records a non-fatal error without changing the state', () => {
    const status = createStatusStore();
    status.set({ type: 'connecting' });
    const error = new RealtimeClientError('UNAUTHORIZED', 'refused');
    status.setError(error);
    expect(status.getSnapshot()).toEqual({ type: 'connecting', lastError: error });
  });

  it('lets a listener unsubscribe another during notification', () => {
    const store = createStore(0);
    const calls: string[] = [];
    let stopB: () => void = () => undefined;
    store.subscribe(() => {
      calls.push('a');
      stopB();
    });
    stopB = store.subscribe(() => calls.push('b'));
    store.set(1);
    store.set(2);
    expect(calls).toEqual(['a', 'b', 'a']);
  });
});

describe('mapStore', () => {
  it('recomputes only when the source snapshot changes', () => {
    const source = createStore({ members: [1, 2] });
    const select = vi.fn((value: { members: number[] }) => value.members.length);
    const view = mapStore(source, select);
    expect(view.getSnapshot()).toBe(2);
    expect(view.getSnapshot()).toBe(2);
    expect(select).toHaveBeenCalledTimes(1);
    source.set({ members: [1] });
    expect(view.getSnapshot()).toBe(1);
    expect(select).toHaveBeenCalledTimes(2);
  });
});
