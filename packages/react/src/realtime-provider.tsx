import { createRealtimeClient, type RealtimeClient, type RealtimeClientOptions } from '@tenantcast/client';
import { useEffect, useState, type ReactElement, type ReactNode } from 'react';
import { holdConnection } from './connection-lease';
import { RealtimeContext, type AnyRealtimeClient } from './realtime-context';
import type { RegisteredClientEvents, RegisteredServerEvents } from './register';

/**
 * Props of {@link RealtimeProvider}: a client you created, or the options to create one.
 */
export type RealtimeProviderProps<S = RegisteredServerEvents, C = RegisteredClientEvents> =
  | {
      /** The client; create it with `autoConnect: false` so nothing connects before mount. */
      client: RealtimeClient<S, C>;
      options?: never;
      children?: ReactNode;
    }
  | {
      /**
       * Options of a client the provider creates on first render (with `autoConnect: false`).
       * Read once: to change them, remount the provider with a new `key`.
       */
      options: RealtimeClientOptions;
      client?: never;
      children?: ReactNode;
    };

/**
 * Makes a Tenantcast client available to the hooks below it and owns its lifecycle: connects
 * after mount, closes on unmount. Server rendering never connects (effects do not run there), and
 * React StrictMode's mount–unmount–mount opens one connection, not two: the close is deferred by
 * a task and cancelled by the re-mount. Several providers may share one client; it is closed when
 * the last of them unmounts.
 *
 * @example
 * const client = createRealtimeClient<ServerEvents, ClientEvents>({ url, token, autoConnect: false });
 *
 * createRoot(root).render(
 *   <RealtimeProvider client={client}>
 *     <App />
 *   </RealtimeProvider>,
 * );
 */
export function RealtimeProvider<S = RegisteredServerEvents, C = RegisteredClientEvents>(props: RealtimeProviderProps<S, C>): ReactElement {
  const [ownClient] = useState<AnyRealtimeClient | null>(() =>
    props.client ? null : createRealtimeClient({ ...props.options, autoConnect: false }),
  );
  const client = (props.client ?? ownClient) as AnyRealtimeClient;
  useConnectionLifecycle(client);
  return <RealtimeContext.Provider value={client}>{props.children}</RealtimeContext.Provider>;
}

function useConnectionLifecycle(client: AnyRealtimeClient): void {
  useEffect(() => holdConnection(client), [client]);
}
