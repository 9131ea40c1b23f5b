/**
 * A value that changes over time, readable at any moment and observable: the contract of React's
 * `useSyncExternalStore`, usable without React.
 *
 * `getSnapshot()` returns the same object until the value changes, so it can be compared with
 * `===`.
 *
 * @example
 * const unsubscribe = client.status.subscribe(() => render(client.status.getSnapshot()));
 */
export interface ExternalStore<T> {
  /** Calls `listener` after every change; returns a function that stops it. */
  subscribe(listener: () => void): () => void;
  /** The current value. */
  getSnapshot(): T;
}

/** @internal An {@link ExternalStore} its owner can write to. */
export interface WritableStore<T> extends ExternalStore<T> {
  set(next: T): void;
}

/** @internal */
export function createStore<T>(initial: T): WritableStore<T> {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    getSnapshot: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    set(next) {
      if (Object.is(next, current)) return;
      current = next;
      // A copy: listeners may unsubscribe (or subscribe others) while being notified.
      for (const listener of [...listeners]) listener();
    },
  };
}

/**
 * @internal A read-only view of `source` through `select`; the selected value is recomputed only
 * when the source snapshot changes, so its identity is stable between changes.
 */
export function mapStore<S, T>(source: ExternalStore<S>, select: (value: S) => T): ExternalStore<T> {
  let lastSource: S | undefined;
  let lastValue: T | undefined;
  let primed = false;
  const getSnapshot = (): T => {
    const value = source.getSnapshot();
    if (!primed || !Object.is(value, lastSource)) {
      lastSource = value;
      lastValue = select(value);
      primed = true;
    }
    return lastValue as T;
  };
  return { subscribe: (listener) => source.subscribe(listener), getSnapshot };
}
