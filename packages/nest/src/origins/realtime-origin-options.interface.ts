/**
 * Which web pages may open connections. Checked in Engine.IO's `allowRequest` for every new
 * session, over HTTP long-polling and over a direct WebSocket alike (Socket.IO's `cors` option
 * does not protect the WebSocket upgrade: browsers apply no CORS to it), and on every later
 * request of a session (polling requests and the upgrade to WebSocket) that carries an `Origin`.
 */
export interface RealtimeOriginOptions {
  /**
   * Allowed origins, each either exact (`'https://app.example.com'`, `'http://localhost:5173'`:
   * scheme, host and port must all match) or with a wildcard for subdomains
   * (`'https://*.example.com'`: one or more labels before `.example.com`, same scheme and port;
   * `https://example.com` itself and look-alikes such as `https://app.example.com.evil.example`
   * do not match). Nothing else is a pattern: no regular expressions, no `*` alone.
   */
  allow: string[];
  /**
   * Accept requests that carry no `Origin` header. Browsers send one on every WebSocket
   * handshake and every cross-origin request, so a request without one comes from a non-browser
   * client (a mobile app, a service; they could send any `Origin` they like, so refusing them
   * protects nothing) or is a same-origin long-polling `GET` (browsers omit `Origin` there).
   * Set `false` when only browsers on the listed origins, over WebSocket, may connect.
   * @default true
   */
  allowMissing?: boolean;
  /**
   * Also accept pages served by this server itself: an `Origin` whose host and port equal the
   * request's `Host` header. Turn it on when the app serves its own front end, whose WebSocket
   * handshakes carry the server's own origin, under whatever name the user reached it by. A page
   * on another site cannot send such a pair; note that it trusts `Host`, so behind a proxy that
   * rewrites `Host`, list the public origin instead.
   * @default false
   */
  allowSameOrigin?: boolean;
}
