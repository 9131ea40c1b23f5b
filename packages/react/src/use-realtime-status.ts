import type { RealtimeStatus } from '@tenantcast/client';
import { useSyncExternalStore } from 'react';
import { useContextClient } from './realtime-context';

/**
 * The connection status of the provider's client; re-renders on every change. `idle` during
 * server rendering.
 *
 * @example
 * const status = useRealtimeStatus();
 * if (status.type === 'reconnecting') return <Banner>Reconnecting in {Math.ceil(status.delayMs / 1000)} s…</Banner>;
 */
export function useRealtimeStatus(): RealtimeStatus {
  const { status } = useContextClient('useRealtimeStatus');
  return useSyncExternalStore(status.subscribe, status.getSnapshot, status.getSnapshot);
}
