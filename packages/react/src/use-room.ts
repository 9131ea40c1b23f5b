import type { RoomState } from '@tenantcast/client';
import { useContextClient } from './realtime-context';
import { useLeasedStore } from './use-leased-store';

const JOINING: RoomState = Object.freeze({ status: 'joining', members: Object.freeze([]) });

/**
 * Joins room `kind`/`id` while the component is mounted and returns its state:
 * `{ status: 'joining' | 'joined' | 'error', error, members }`. Components using the same room
 * share one server join (the room is left when the last one unmounts), and the room is joined
 * again after every reconnect.
 *
 * @example
 * function RcaPage({ rcaId }: { rcaId: string }) {
 *   const room = useRoom('rca', rcaId);
 *   if (room.status === 'error') return <p>{room.error?.message}</p>;
 *   return <Avatars users={room.members} />;
 * }
 */
export function useRoom(kind: string, id: string): RoomState {
  const client = useContextClient('useRoom');
  return useLeasedStore(client, `${kind}\u0000${id}`, () => client.room(kind, id), JOINING);
}
