/** Why the client is asking for a token; lets a caching provider know when to bypass its cache. */
export type TokenRequestReason =
  /** Before a connection attempt (the first one or a reconnection after a network loss). */
  | 'connect'
  /** The server refused the previous token (`UNAUTHORIZED` / `TOKEN_EXPIRED`): fetch a new one. */
  | 'refused'
  /** The server ended the session because the token expired: fetch a new one. */
  | 'expired'
  /** The server sent `token-expiring`: the new token is sent in-band, the connection stays up. */
  | 'expiring';

/** What the client passes to a {@link TokenProvider}. */
export interface TokenRequest {
  /** Why a token is needed. For `refused`, `expired` and `expiring` a cached token is stale. */
  reason: TokenRequestReason;
}

/**
 * Returns the token to authenticate with. Called before every connection attempt and when the
 * server asks for a fresh token; a rejection aborts that attempt (it is retried with backoff).
 *
 * @example
 * const token: TokenProvider = async ({ reason }) => {
 *   const response = await fetch('/api/realtime-token', { method: 'POST', body: JSON.stringify({ fresh: reason !== 'connect' }) });
 *   return (await response.json()).token;
 * };
 */
export type TokenProvider = (request: TokenRequest) => string | Promise<string>;

/** A fixed token or a {@link TokenProvider}. A fixed token cannot be refreshed. */
export type TokenSource = string | TokenProvider;

/** @internal Resolves `source` to a token, checking that the provider returned a non-empty string. */
export async function resolveToken(source: TokenSource, reason: TokenRequestReason): Promise<string> {
  const token = typeof source === 'string' ? source : await source({ reason });
  if (typeof token !== 'string' || token.length === 0) {
    throw new TypeError(`The token provider must return a non-empty string, got ${token === '' ? 'an empty string' : typeof token}`);
  }
  return token;
}

/** @internal Whether `source` can produce a different token on the next call. */
export function canRefresh(source: TokenSource): source is TokenProvider {
  return typeof source === 'function';
}
