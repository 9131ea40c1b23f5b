import type { RealtimeClient } from '@tenantcast/client';
import { createContext, useContext } from 'react';

/** @internal The hooks only read and subscribe; the event maps are applied by their signatures. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRealtimeClient = RealtimeClient<any, any>;

/** @internal */
export const RealtimeContext = createContext<AnyRealtimeClient | null>(null);
RealtimeContext.displayName = 'RealtimeContext';

/** @internal The provider's client; throws a message that says what to do outside a provider. */
export function useContextClient(hook: string): AnyRealtimeClient {
  const client = useContext(RealtimeContext);
  if (client === null) {
    throw new Error(
      `${hook}() must be used inside <RealtimeProvider>. Wrap your component tree in <RealtimeProvider client={client}> (or options={...}) from @tenantcast/react.`,
    );
  }
  return client;
}
