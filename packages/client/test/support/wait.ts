/** The part of a client these helpers read; structural, so it fits the source and the built client. */
interface StatusLike {
  type: string;
  lastError?: { code: string; message: string };
}
interface HasStatus<S extends StatusLike> {
  status: { subscribe(listener: () => void): () => void; getSnapshot(): S };
}

/**
 * Resolves with the status once `client` is in state `type` (now or later); rejects after
 * `timeoutMs` with the statuses seen, so a failure says where the client got stuck.
 */
export function waitForStatus<S extends StatusLike, T extends S['type']>(client: HasStatus<S>, type: T, timeoutMs = 15_000): Promise<Extract<S, { type: T }>> {
  return new Promise((resolve, reject) => {
    const seen: string[] = [];
    const check = (): boolean => {
      const status = client.status.getSnapshot();
      seen.push(status.type);
      if (status.type !== type) return false;
      stop();
      clearTimeout(timer);
      resolve(status as Extract<S, { type: T }>);
      return true;
    };
    const stop = client.status.subscribe(check);
    const timer = setTimeout(() => {
      stop();
      const last = client.status.getSnapshot();
      reject(new Error(`Status '${type}' not reached within ${timeoutMs} ms; saw ${seen.join(' → ')}; last error: ${last.lastError?.code ?? '-'} ${last.lastError?.message ?? ''}`));
    }, timeoutMs);
    check();
  });
}

/** Records every status the client goes through, from now on. */
export function recordStatuses<S extends StatusLike>(client: HasStatus<S>): { statuses: S[]; stop(): void } {
  const statuses: S[] = [client.status.getSnapshot()];
  const stop = client.status.subscribe(() => statuses.push(client.status.getSnapshot()));
  return { statuses, stop };
}

/** Resolves with the next value the subscription hands to its handler. */
export function nextEvent<T>(subscribe: (handler: (value: T) => void) => () => void, timeoutMs = 15_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`No event within ${timeoutMs} ms`));
    }, timeoutMs);
    const stop = subscribe((value) => {
      clearTimeout(timer);
      stop();
      resolve(value);
    });
  });
}
