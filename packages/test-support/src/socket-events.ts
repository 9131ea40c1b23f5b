type Listener = (...args: never[]) => void;

/**
 * The part of a socket (server or client side) these helpers use, without its event typing:
 * typed sockets accept only their own event names, and the helpers serve every socket type,
 * leaving the payload's type to the caller.
 */
interface UntypedEmitter {
  on(event: string, listener: Listener): unknown;
  once(event: string, listener: Listener): unknown;
  off(event: string, listener: Listener): unknown;
}

/** Resolves with the first argument of the next `event` on a socket; rejects after `timeoutMs`. */
export function nextEvent<T = unknown>(socket: object, event: string, timeoutMs = 5_000): Promise<T> {
  const source = socket as UntypedEmitter;
  return new Promise((resolve, reject) => {
    const listener = (payload: T): void => {
      clearTimeout(timer);
      resolve(payload);
    };
    const timer = setTimeout(() => {
      source.off(event, listener);
      reject(new Error(`no '${event}' within ${timeoutMs} ms`));
    }, timeoutMs);
    source.once(event, listener);
  });
}

/** Collects the first argument of every `event` from now on, to assert what did and did not arrive. */
export function collect<T = unknown>(socket: object, event: string): T[] {
  const source = socket as UntypedEmitter;
  const received: T[] = [];
  source.on(event, (payload: T) => received.push(payload));
  return received;
}
