import type { PresenceMember } from '@tenantcast/protocol';
import type { RealtimeClientError } from './realtime-client-error';

/**
 * The state of a room as this client sees it; what `useRoom` returns.
 *
 * Every server-side subscription of the client is a room on the server (tenant presence is the
 * room `tenant:{tenantId}:presence`), so the client tracks all of them in these words.
 */
export interface RoomState {
  /** `joining` until the server acknowledges (again, after each reconnect), `error` if it refused. */
  readonly status: 'joining' | 'joined' | 'error';
  /** Users in the room: the server's list at join time, kept current by `user-joined` / `user-left`. */
  readonly members: readonly PresenceMember[];
  /** Why the last join failed, when `status` is `error`. */
  readonly error?: RealtimeClientError;
  /** The full room name, once joined. */
  readonly room?: string;
}
