import type { RealtimeUser } from '@tenantcast/protocol';
import type { DefaultEventsMap, Namespace, Socket } from 'socket.io';

/** What Tenantcast keeps in `socket.data` of every authenticated socket. */
export interface RealtimeSocketData {
  /** The authenticated user, mapped from the token's claims. */
  user: RealtimeUser;
  /** When the current token expires, in milliseconds since the Unix epoch. */
  tokenExpiresAt: number;
}

/** A Socket.IO socket that passed Tenantcast's handshake. */
export type RealtimeSocket = Socket<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, RealtimeSocketData>;

/** The namespace Tenantcast serves. */
export type RealtimeNamespace = Namespace<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, RealtimeSocketData>;
