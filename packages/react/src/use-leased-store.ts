import type { ExternalStore } from '@tenantcast/client';
import { useEffect, useState, useSyncExternalStore } from 'react';
import type { AnyRealtimeClient } from './realtime-context';

/** @internal A store held by reference: released when the component unmounts or `key` changes. */
export interface Lease<T> extends ExternalStore<T> {
  release(): Promise<void>;
}

const noopSubscribe = (): (() => void) => () => undefined;

/**
 * @internal Takes a lease in an effect (never during render, so server rendering takes none),
 * releases it on unmount or when `key` changes, and reads it with `useSyncExternalStore`.
 * Until the lease for the current `key` exists, returns `placeholder`.
 */
export function useLeasedStore<T>(client: AnyRealtimeClient, key: string, acquire: () => Lease<T>, placeholder: T): T {
  const [held, setHeld] = useState<{ client: AnyRealtimeClient; key: string; lease: Lease<T> } | null>(null);
  useEffect(() => {
    const lease = acquire();
    setHeld({ client, key, lease });
    return () => {
      void lease.release();
    };
    // `acquire` is a new function every render; `client` and `key` identify what it takes.
  }, [client, key]);
  const current = held !== null && held.client === client && held.key === key ? held.lease : null;
  const getPlaceholder = (): T => placeholder;
  return useSyncExternalStore(current?.subscribe ?? noopSubscribe, current?.getSnapshot ?? getPlaceholder, getPlaceholder);
}
