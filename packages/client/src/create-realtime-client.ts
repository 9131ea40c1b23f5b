import { Manager } from 'socket.io-client';
import { assertTimeout } from './ack-request';
import { resolveReconnection } from './backoff';
import type { ClientEventsShape, NoEvents, ServerEventsShape } from './event-types';
import { consoleWarningsLogger } from './logger';
import type { RealtimeClient } from './realtime-client';
import type { RealtimeClientOptions } from './realtime-client-options';
import { resolveEndpoint } from './resolve-endpoint';
import type { SystemSocket } from './system-socket';
import { TenantcastClient } from './tenantcast-client';

/** Defaults of {@link RealtimeClientOptions} that are plain values. */
export const REALTIME_CLIENT_DEFAULTS = /* @__PURE__ */ Object.freeze({
  /** @default '/socket.io' */
  path: '/socket.io',
  /** @default ['websocket', 'polling'] */
  transports: Object.freeze(['websocket', 'polling'] as const),
  /** @default true */
  autoConnect: true,
  /** @default 10000 */
  requestTimeoutMs: 10_000,
});

/**
 * Creates a Tenantcast client: one socket.io-client socket with the token provider, reconnection
 * with backoff, re-join after reconnect, presence and a status store. Types are bound once here:
 * `S` is the application's server event map (name → data), `C` its client event map
 * (name → `ClientEvent<Payload, Ack>`), the same maps the server uses.
 *
 * @example
 * import type { ClientEvent, ErrorAck } from '@tenantcast/protocol';
 *
 * interface ServerEvents {
 *   'rca-updated': { rcaId: string; status: 'open' | 'closed' };
 * }
 * interface ClientEvents {
 *   typing: ClientEvent<{ rcaId: string }>;
 *   'add-comment': ClientEvent<{ rcaId: string; text: string }, { ok: true; id: string } | ErrorAck>;
 * }
 *
 * const client = createRealtimeClient<ServerEvents, ClientEvents>({
 *   url: 'https://api.example.com',
 *   namespace: '/rca',
 *   token: () => fetchAccessToken(),
 * });
 * client.on('rca-updated', (envelope) => render(envelope.data));
 * const rca = await client.join('rca', '42');
 */
export function createRealtimeClient<S extends ServerEventsShape<S> = NoEvents, C extends ClientEventsShape<C> = NoEvents>(
  options: RealtimeClientOptions,
): RealtimeClient<S, C> {
  if (typeof options.token !== 'string' && typeof options.token !== 'function') {
    throw new TypeError("createRealtimeClient: 'token' must be a string or a function returning one (or a promise of one)");
  }
  const endpoint = resolveEndpoint(options.url, options.namespace);
  const reconnection = options.reconnection === false ? false : resolveReconnection(options.reconnection);
  const requestTimeoutMs = options.requestTimeoutMs ?? REALTIME_CLIENT_DEFAULTS.requestTimeoutMs;
  assertTimeout(requestTimeoutMs, 'requestTimeoutMs');
  const logger = options.logger ?? consoleWarningsLogger;
  const reportError = options.onError ?? ((error) => logger.warn(error.message));

  const manager = new Manager(endpoint.uri, {
    ...options.socketOptions,
    path: options.path ?? REALTIME_CLIENT_DEFAULTS.path,
    transports: [...(options.transports ?? REALTIME_CLIENT_DEFAULTS.transports)],
    tryAllTransports: true,
    autoConnect: false,
  });
  const socket: SystemSocket = manager.socket(endpoint.namespace);
  const client = new TenantcastClient<S, C>({ manager, socket, token: options.token, reconnection, requestTimeoutMs, logger, reportError });
  if (options.autoConnect ?? REALTIME_CLIENT_DEFAULTS.autoConnect) client.connect();
  return client;
}
