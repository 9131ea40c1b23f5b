import type { ManagerOptions, SocketOptions } from 'socket.io-client';
import type { ReconnectionOptions } from './backoff';
import type { RealtimeLogger } from './logger';
import type { RealtimeClientError } from './realtime-client-error';
import type { RealtimeTransport } from './status-store';
import type { TokenSource } from './token-provider';

/**
 * Options of {@link createRealtimeClient}.
 *
 * @example
 * const client = createRealtimeClient<ServerEvents, ClientEvents>({
 *   url: 'https://api.example.com',
 *   namespace: '/rca',
 *   token: ({ reason }) => auth.getAccessToken({ forceRefresh: reason !== 'connect' }),
 * });
 */
export interface RealtimeClientOptions {
  /**
   * The server's URL, e.g. `https://api.example.com`. A path in it is taken as the namespace
   * (as `io()` does) unless `namespace` is set. Relative URLs resolve against `location` in a
   * browser.
   */
  url: string;
  /**
   * The Socket.IO namespace the server's `RealtimeModule` listens on.
   * @default the URL's path, else '/'
   */
  namespace?: string;
  /**
   * The Socket.IO path on the server.
   * @default '/socket.io'
   */
  path?: string;
  /**
   * The token sent in the handshake (`auth.token`): a fixed string, or a function called before
   * every connection attempt and when the server asks for a fresh one. Only a function lets the
   * client refresh an expiring token and retry a refused one.
   */
  token: TokenSource;
  /**
   * Transports to try, in order; the next one is tried when one fails, so a network that
   * blocks WebSocket falls back to HTTP long-polling.
   * @default ['websocket', 'polling']
   */
  transports?: RealtimeTransport[];
  /**
   * Reconnection delays and attempts, or `false` to stay `offline` after the first failure.
   * @default { delayMs: 1000, maxDelayMs: 8000, maxAttempts: 10, jitter: 0.2 }
   */
  reconnection?: Partial<ReconnectionOptions> | false;
  /**
   * Connect as soon as the client is created. Set `false` to call `connect()` yourself, e.g.
   * when a `<RealtimeProvider>` owns the client, or code runs during server rendering.
   * @default true
   */
  autoConnect?: boolean;
  /**
   * Milliseconds to wait for an acknowledgement (`request`, `join`, token refresh) before
   * rejecting with `TIMEOUT`, and for the server's `connected` confirmation after the handshake
   * before retrying.
   * @default 10000
   */
  requestTimeoutMs?: number;
  /**
   * Where the client logs.
   * @default warnings and errors to `console`, debug lines dropped
   */
  logger?: RealtimeLogger;
  /**
   * Called with failures nobody awaits: a room that cannot be re-joined after a reconnect, a
   * presence subscription that cannot be renewed, a refused in-band token refresh.
   * @default logs the error with `logger.warn`
   */
  onError?: (error: RealtimeClientError) => void;
  /**
   * Further socket.io-client options (`extraHeaders`, `withCredentials`, `query`, …). The
   * options above take precedence, and reconnection is always driven by the client.
   * @default {}
   */
  socketOptions?: Partial<ManagerOptions & SocketOptions>;
}
