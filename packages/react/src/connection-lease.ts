import type { AnyRealtimeClient } from './realtime-context';

interface Lease {
  holders: number;
  pendingClose: ReturnType<typeof setTimeout> | undefined;
}

// Keyed by the client object: only providers holding the same client share an entry.
const leases = new WeakMap<AnyRealtimeClient, Lease>();

/**
 * @internal Connects `client` for one more holder (a mounted provider). Returns the release: when
 * the last holder lets go, the client is closed after a task, unless a holder takes it again
 * first — which is what StrictMode's mount–unmount–mount, a remount with a new `key`, or a
 * provider moving in the tree do.
 */
export function holdConnection(client: AnyRealtimeClient): () => void {
  let lease = leases.get(client);
  if (!lease) {
    lease = { holders: 0, pendingClose: undefined };
    leases.set(client, lease);
  }
  const held = lease;
  held.holders += 1;
  if (held.pendingClose !== undefined) {
    clearTimeout(held.pendingClose);
    held.pendingClose = undefined;
  }
  client.connect();
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.holders -= 1;
    if (held.holders > 0) return;
    held.pendingClose = setTimeout(() => {
      held.pendingClose = undefined;
      if (held.holders === 0) client.close();
    }, 0);
  };
}
