import type { Socket } from 'socket.io';

const BEARER = /^Bearer\s+(\S+)$/i;

/**
 * Reads the handshake token from `auth.token`, then the `Authorization: Bearer` header, then
 * (only when allowed) the `token` query parameter.
 */
export function extractToken(handshake: Socket['handshake'], allowQueryToken: boolean): string | undefined {
  const fromAuth = (handshake.auth as Record<string, unknown> | undefined)?.token;
  if (typeof fromAuth === 'string' && fromAuth.length > 0) return fromAuth;
  const header = handshake.headers.authorization;
  const fromHeader = typeof header === 'string' ? BEARER.exec(header)?.[1] : undefined;
  if (fromHeader) return fromHeader;
  if (allowQueryToken) {
    const fromQuery = handshake.query.token;
    if (typeof fromQuery === 'string' && fromQuery.length > 0) return fromQuery;
  }
  return undefined;
}

/**
 * Deletes every copy of the token from the handshake once it is verified, so it is not sent
 * along by `fetchSockets()` across nodes, persisted by connection state recovery, or logged by
 * code that dumps the handshake.
 */
export function redactToken(handshake: Socket['handshake']): void {
  const auth = handshake.auth as Record<string, unknown> | undefined;
  if (auth && 'token' in auth) delete auth.token;
  delete handshake.headers.authorization;
  if ('token' in handshake.query) {
    delete handshake.query.token;
    // The request URL still holds the query string it came with.
    handshake.url = withoutQueryToken(handshake.url);
  }
}

function withoutQueryToken(url: string): string {
  const parsed = new URL(url, 'http://localhost');
  parsed.searchParams.delete('token');
  return `${parsed.pathname}${parsed.search}`;
}
