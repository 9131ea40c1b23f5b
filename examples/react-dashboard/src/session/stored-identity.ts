import type { Identity } from './identity';

const KEY = 'tenantcast-dashboard:identity';

// Per tab (sessionStorage), so two tabs of one browser can be two different users; a reload
// keeps the tab's user.

/** The identity this tab signed in with, if any. */
export function loadIdentity(): Identity | undefined {
  const raw = sessionStorage.getItem(KEY);
  if (raw === null) return undefined;
  try {
    const value = JSON.parse(raw) as Partial<Identity>;
    return typeof value.userId === 'string' && typeof value.tenantId === 'string' && typeof value.role === 'string' ? (value as Identity) : undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the tab's identity, or forgets it with `undefined`. */
export function storeIdentity(identity: Identity | undefined): void {
  if (identity === undefined) sessionStorage.removeItem(KEY);
  else sessionStorage.setItem(KEY, JSON.stringify(identity));
}
