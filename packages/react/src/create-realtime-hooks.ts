import type { EventHandler, ListenEventName, NoEvents, PresenceScope, PresenceState, RealtimeClient, RealtimeStatus, RoomState } from '@tenantcast/client';
import type { ReactElement } from 'react';
import { RealtimeProvider, type RealtimeProviderProps } from './realtime-provider';
import { usePresence } from './use-presence';
import { useRealtimeClient } from './use-realtime-client';
import { useRealtimeEvent } from './use-realtime-event';
import { useRealtimeStatus } from './use-realtime-status';
import { useRoom } from './use-room';

/** The provider and hooks bound to one pair of event maps by {@link createRealtimeHooks}. */
export interface RealtimeHooks<S, C> {
  /** {@link RealtimeProvider} for a client of these maps. */
  RealtimeProvider: (props: RealtimeProviderProps<S, C>) => ReactElement;
  /** {@link useRealtimeClient}, typed. */
  useRealtimeClient: () => RealtimeClient<S, C>;
  /** {@link useRealtimeStatus}. */
  useRealtimeStatus: () => RealtimeStatus;
  /** {@link useRealtimeEvent}, typed. */
  useRealtimeEvent: <K extends ListenEventName<S>>(type: K, handler: EventHandler<S, K>) => void;
  /** {@link useRoom}. */
  useRoom: (kind: string, id: string) => RoomState;
  /** {@link usePresence}. */
  usePresence: (scope?: PresenceScope) => PresenceState;
}

/**
 * Binds the provider and hooks to the application's event maps once, instead of augmenting
 * {@link Register}: useful with several clients of different maps. The functions are the same
 * as the package's exports; only their types differ.
 *
 * @example
 * export const { RealtimeProvider, useRealtimeEvent, useRealtimeClient } = createRealtimeHooks<ServerEvents, ClientEvents>();
 *
 * useRealtimeEvent('rca-updated', (envelope) => setStatus(envelope.data.status));
 */
export function createRealtimeHooks<S = NoEvents, C = NoEvents>(): RealtimeHooks<S, C> {
  return {
    RealtimeProvider: RealtimeProvider as RealtimeHooks<S, C>['RealtimeProvider'],
    useRealtimeClient: useRealtimeClient as () => RealtimeClient<S, C>,
    useRealtimeStatus,
    useRealtimeEvent: useRealtimeEvent as unknown as RealtimeHooks<S, C>['useRealtimeEvent'],
    useRoom,
    usePresence,
  };
}
