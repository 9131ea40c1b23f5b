import type { ClientEvent, JoinAck, RealtimeUser } from '@tenantcast/nest';

/** Application events the server sends: event name → the data in the envelope. */
export interface AppServerEvents {
  announcement: { text: string };
  notification: { title: string };
  'rca-updated': { rcaId: string; status: 'open' | 'closed' };
}

/** Application events clients send, handled by `RcaGateway`. */
export interface AppClientEvents {
  whoami: ClientEvent<void, RealtimeUser>;
  'join-rca': ClientEvent<string, JoinAck>;
}
