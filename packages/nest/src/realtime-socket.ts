import type { RealtimeUser } from '@tenantcast/protocol';
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';

/** What Tenantcast keeps in `socket.data` of every authenticated socket. */
export interface RealtimeSocketData {
  /** The authenticated user, mapped from the token's claims. */
  user: RealtimeUser;
  /** When the current token expires, in milliseconds since the Unix epoch. */
  tokenExpiresAt: number;
}

/**
 * A Socket.IO socket that passed Tenantcast's handshake. Like Socket.IO's own `Socket`, it takes
 * the listener signatures of the events it receives and sends; type them from your event maps
 * with the protocol's helpers.
 *
 * @example
 * ```ts
 * import type { ClientToServerEvents, ServerToClientEvents } from '@tenantcast/nest';
 *
 * type RcaSocket = RealtimeSocket<ClientToServerEvents<RcaClientEvents>, ServerToClientEvents<RcaServerEvents>>;
 * ```
 */
export type RealtimeSocket<ListenEvents extends object = DefaultEventsMap, EmitEvents extends object = DefaultEventsMap> = Socket<
  ListenEvents,
  EmitEvents,
  DefaultEventsMap,
  RealtimeSocketData
>;

/** The namespace Tenantcast serves; generics as for {@link RealtimeSocket}. */
export type RealtimeNamespace<ListenEvents extends object = DefaultEventsMap, EmitEvents extends object = DefaultEventsMap> = Namespace<
  ListenEvents,
  EmitEvents,
  DefaultEventsMap,
  RealtimeSocketData
>;
