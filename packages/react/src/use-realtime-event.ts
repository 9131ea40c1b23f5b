import type { EventHandler, ListenEventName, RealtimeClient } from '@tenantcast/client';
import { useEffect, useRef } from 'react';
import { useContextClient } from './realtime-context';
import type { RegisteredServerEvents } from './register';
import { useIsomorphicLayoutEffect } from './use-isomorphic-layout-effect';

/**
 * Calls `handler` for every `type` event while the component is mounted. The latest `handler`
 * is always the one called, without re-subscribing when it changes (an inline arrow is fine).
 *
 * @example
 * useRealtimeEvent('rca-updated', (envelope) => {
 *   if (envelope.data.rcaId === rcaId) setStatus(envelope.data.status);
 * });
 */
export function useRealtimeEvent<K extends ListenEventName<RegisteredServerEvents>>(
  type: K,
  handler: EventHandler<RegisteredServerEvents, K>,
): void {
  const client: RealtimeClient<RegisteredServerEvents> = useContextClient('useRealtimeEvent');
  const latest = useRef(handler);
  useIsomorphicLayoutEffect(() => {
    latest.current = handler;
  });
  useEffect(() => {
    const forward = ((...args: unknown[]) => (latest.current as (...values: unknown[]) => void)(...args)) as EventHandler<RegisteredServerEvents, K>;
    return client.on(type, forward);
  }, [client, type]);
}
