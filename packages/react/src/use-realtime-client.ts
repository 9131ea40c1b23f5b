import type { RealtimeClient } from '@tenantcast/client';
import { useContextClient } from './realtime-context';
import type { RegisteredClientEvents, RegisteredServerEvents } from './register';

/**
 * The client of the nearest {@link RealtimeProvider}, typed with the {@link Register}ed event maps
 * (or with `createRealtimeHooks<S, C>()`). Throws outside a provider.
 *
 * @example
 * const client = useRealtimeClient();
 * const send = () => client.emit('typing', { rcaId });
 */
export function useRealtimeClient(): RealtimeClient<RegisteredServerEvents, RegisteredClientEvents> {
  return useContextClient('useRealtimeClient');
}
