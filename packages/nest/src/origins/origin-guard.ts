import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServerOptions } from 'socket.io';
import type { OriginPolicy } from './origin-policy';

type AllowRequest = NonNullable<ServerOptions['allowRequest']>;

/** The message of the 403 a refused handshake gets; the origin is not echoed back. */
export const ORIGIN_REFUSED_MESSAGE = 'Origin not allowed';

/**
 * Engine.IO's `allowRequest` for the origin policy: runs for every new session, over polling and
 * over a direct WebSocket, before a session exists; a refusal is an HTTP 403 (the WebSocket is
 * destroyed before the upgrade). An application's own `allowRequest` runs after it.
 */
export function createOriginAllowRequest(policy: OriginPolicy, inner: AllowRequest | undefined): AllowRequest {
  return (request, callback) => {
    if (!policy.allows(request.headers.origin, request.headers.host)) return callback(ORIGIN_REFUSED_MESSAGE, false);
    if (inner) return inner(request, callback);
    callback(null, true);
  };
}

/**
 * Engine.IO middleware for the requests `allowRequest` does not see: those of an existing session
 * (polling requests and the upgrade to WebSocket, which carry a `sid`). One that carries an
 * `Origin` outside the policy is refused, so a session id that leaked to another page cannot be
 * taken over from there. (Requests without `Origin` are same-origin polling or non-browser: the
 * session itself passed the check.)
 */
export function createSessionOriginMiddleware(policy: OriginPolicy): (request: IncomingMessage, response: ServerResponse, next: (error?: Error) => void) => void {
  return (request, _response, next) => {
    const { origin } = request.headers;
    if (origin === undefined || policy.allows(origin, request.headers.host)) return next();
    const hasSession = new URL(request.url ?? '/', 'http://engine.invalid').searchParams.has('sid');
    next(hasSession ? new Error(ORIGIN_REFUSED_MESSAGE) : undefined);
  };
}
