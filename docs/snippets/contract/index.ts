// #region contract
import type { ClientEvent, ErrorAck, JoinAck } from '@tenantcast/protocol';

/** Server → client: event name → the `data` of the envelope it arrives in. */
export interface RcaServerEvents {
  'rca-updated': { rcaId: string; status: RcaStatus; updatedBy: string };
  'comment-added': { rcaId: string; commentId: string; text: string; author: string };
  notification: { title: string; rcaId?: string };
  announcement: { text: string };
}

/** Client → server: event name → `ClientEvent<Payload, Ack>`. */
export interface RcaClientEvents {
  'join-rca': ClientEvent<string, JoinAck>;
  'add-comment': ClientEvent<{ rcaId: string; text: string }, { ok: true; commentId: string } | ErrorAck>;
  typing: ClientEvent<{ rcaId: string }>;
}

export type RcaStatus = 'open' | 'investigating' | 'closed';
// #endregion contract
