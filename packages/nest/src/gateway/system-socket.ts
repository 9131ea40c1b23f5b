import type { ClientToServerEvents, ServerToClientEvents } from '@tenantcast/protocol';
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';
import type { RealtimeSocketData } from '../realtime-socket';

type NoEvents = Record<never, never>;

/**
 * The module's own view of a socket: only the system events of `@tenantcast/protocol`, with their
 * payloads, so every system event the module sends or handles is checked against the protocol.
 * Any `RealtimeSocket` is assignable to it.
 */
export type SystemSocket = Socket<ClientToServerEvents<NoEvents>, ServerToClientEvents<NoEvents>, DefaultEventsMap, RealtimeSocketData>;

/** The module's own view of its namespace, as {@link SystemSocket}. */
export type SystemNamespace = Namespace<ClientToServerEvents<NoEvents>, ServerToClientEvents<NoEvents>, DefaultEventsMap, RealtimeSocketData>;
