import { isSystemEvent, SystemEvent } from '@tenantcast/protocol';
import { Manager } from 'socket.io-client';
import { assertTimeout, requestAck } from './ack-request';
import { resolveReconnection } from './backoff';
import { ConnectionSupervisor } from './connection-supervisor';
import type { ClientEventsShape, NoEvents, RequestOptions, ServerEventsShape } from './event-types';
import { joinRoom } from './join-room';
import { consoleWarningsLogger } from './logger';
import { roomPresence, TenantPresence } from './presence-subscription';
import type { RealtimeClient } from './realtime-client';
import type { RealtimeClientOptions } from './realtime-client-options';
import { RoomRegistry } from './room-registry';
import { resolveEndpoint } from './resolve-endpoint';
import { createStatusStore } from './status-store';
import { createSystemRequest, type SystemSocket } from './system-socket';

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

type Handler = (...args: unknown[]) => void;

/** The socket as a plain event emitter, for application events the client's own types already checked. */
interface UntypedEmitter {
  on(event: string, handler: Handler): unknown;
  once(event: string, handler: Handler): unknown;
  off(event: string, handler: Handler): unknown;
  emit(event: string, ...args: unknown[]): unknown;
}

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
  const status = createStatusStore();
  const isConnected = (): boolean => status.getSnapshot().type === 'connected';
  const requestSystem = createSystemRequest(socket, requestTimeoutMs);

  const rooms = new RoomRegistry({ request: requestSystem, isConnected, reportError });
  const tenantPresence = new TenantPresence({ request: requestSystem, isConnected, reportError });
  const supervisor = new ConnectionSupervisor({
    manager,
    socket,
    request: requestSystem,
    token: options.token,
    reconnection,
    welcomeTimeoutMs: requestTimeoutMs,
    status,
    logger,
    reportError,
    onAuthenticated: (recovered) => {
      rooms.connected(recovered);
      tenantPresence.connected(recovered);
    },
    onConnectionLost: () => {
      rooms.disconnected();
      tenantPresence.disconnected();
    },
  });
  socket.on(SystemEvent.UserJoined, (payload) => rooms.memberJoined(payload));
  socket.on(SystemEvent.UserLeft, (payload) => rooms.memberLeft(payload));
  socket.on(SystemEvent.RoomLost, (payload) => rooms.roomLost(payload));
  socket.on(SystemEvent.PresenceOnline, (payload) => tenantPresence.online(payload));
  socket.on(SystemEvent.PresenceOffline, (payload) => tenantPresence.offline(payload));

  const events = socket as unknown as UntypedEmitter;
  const client: RealtimeClient<S, C> = {
    status: { subscribe: status.subscribe, getSnapshot: status.getSnapshot },
    socket: socket as unknown as RealtimeClient<S, C>['socket'],
    connect: () => supervisor.connect(),
    close: () => supervisor.close(),
    on(event, handler) {
      events.on(event, handler as Handler);
      return () => void events.off(event, handler as Handler);
    },
    once(event, handler) {
      events.once(event, handler as Handler);
      return () => void events.off(event, handler as Handler);
    },
    off(event, handler) {
      events.off(event, handler as Handler);
    },
    emit(event, ...args) {
      assertApplicationEvent(event);
      events.emit(event, ...args);
    },
    request(event, ...args) {
      assertApplicationEvent(event);
      const [payload, requestOptions] = args as [unknown, RequestOptions | undefined];
      const timeout = requestOptions?.timeout ?? requestTimeoutMs;
      assertTimeout(timeout, 'request timeout');
      return requestAck(socket, event, payload === undefined ? [] : [payload], timeout) as never;
    },
    join: (kind, id) => joinRoom(rooms.acquire(kind, id), status),
    room: (kind, id) => rooms.acquire(kind, id),
    presence(scope = 'tenant') {
      return scope === 'tenant' ? tenantPresence.acquire() : roomPresence(rooms.acquire(scope.kind, scope.id));
    },
  };
  if (options.autoConnect ?? REALTIME_CLIENT_DEFAULTS.autoConnect) client.connect();
  return client;
}

function assertApplicationEvent(event: string): void {
  if (isSystemEvent(event)) {
    throw new TypeError(`'${event}' is a Tenantcast system event; use the client's methods (join, presence, …) instead of sending it`);
  }
}
