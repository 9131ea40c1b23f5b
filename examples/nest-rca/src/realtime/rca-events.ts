import type { ClientEvent, JoinAck, LeaveAck } from '@tenantcast/protocol';
import type { RcaStatus } from '../rcas/rca';

/** Any value a JSON body can hold. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/**
 * The example's server → client events: event name → the `data` of the envelope it arrives in.
 * `RealtimeService<RcaServerEvents>` checks every emit against it; a client types its listeners
 * with `ServerToClientEvents<RcaServerEvents>`.
 */
export interface RcaServerEvents {
  /** `POST /rcas/:id/updates`, to everyone in that RCA's room. */
  'rca-updated': { rcaId: string; update: JsonValue; updatedBy: string };
  /** `POST /rcas/:id/comments`, to everyone in that RCA's room. */
  'comment-added': { rcaId: string; commentId: string; text: string; author: string };
  /** An update moved an RCA to another status, to every connection of the tenant (its RCA lists). */
  'rca-status-changed': { rcaId: string; status: RcaStatus; updatedBy: string };
  /** `POST /users/:userId/notifications`, to every connection of that user. */
  notification: { notification: JsonValue; from: string };
  /** `POST /tenant/broadcasts`, to every connection of the tenant. */
  announcement: { announcement: JsonValue; from: string };
}

/** The example's client → server events, answered with the library's acknowledgements. */
export interface RcaClientEvents {
  /** Join an RCA's room; the payload is the RCA id. */
  'join-rca': ClientEvent<string, JoinAck>;
  /** Leave an RCA's room; the payload is the RCA id. */
  'leave-rca': ClientEvent<string, LeaveAck>;
}

/** Names of {@link RcaClientEvents}, for `@SubscribeMessage`. */
export const RcaClientEvent = {
  JoinRca: 'join-rca',
  LeaveRca: 'leave-rca',
} as const satisfies Record<string, keyof RcaClientEvents>;
