import type { PresenceScope, PresenceState } from '@tenantcast/client';
import { useContextClient } from './realtime-context';
import { useLeasedStore } from './use-leased-store';

const SUBSCRIBING: PresenceState = Object.freeze({ status: 'subscribing', members: Object.freeze([]) });

/**
 * Who is online in the tenant (`'tenant'`, the default) or in a room (`{ kind, id }`, which
 * joins it) while the component is mounted: the server's list, then its changes.
 *
 * @example
 * const { members } = usePresence();
 * return <p>{members.length} online</p>;
 */
export function usePresence(scope: PresenceScope = 'tenant'): PresenceState {
  const client = useContextClient('usePresence');
  const key = scope === 'tenant' ? 'tenant' : `room\u0000${scope.kind}\u0000${scope.id}`;
  return useLeasedStore(client, key, () => client.presence(scope), SUBSCRIBING);
}
