import { createRealtimeClient, type RealtimeClient, type RealtimeClientError } from '@tenantcast/client';
import type { RcaClientEvents, RcaServerEvents } from 'nest-rca/contract';
import type { SessionTokens } from '../session/session-tokens';

/** The backend's Socket.IO namespace (its `WEBSOCKET_NAMESPACE` default). */
export const NAMESPACE = '/rca';

/** What the dashboard's connection is made with. */
export interface DashboardClientOptions {
  tokens: SessionTokens;
  /** Long-polling only, as behind a proxy that blocks WebSocket. */
  forcePolling: boolean;
  /** Failures nobody awaits (a room that cannot be re-joined, …), to show to the user. */
  onError: (error: RealtimeClientError) => void;
}

/**
 * The dashboard's realtime client, on this page's own origin (the backend serves the page).
 * Created closed: `<RealtimeProvider>` connects it on mount.
 */
export function createDashboardClient({ tokens, forcePolling, onError }: DashboardClientOptions): RealtimeClient<RcaServerEvents, RcaClientEvents> {
  return createRealtimeClient<RcaServerEvents, RcaClientEvents>({
    url: window.location.origin,
    namespace: NAMESPACE,
    token: tokens.provider,
    transports: forcePolling ? ['polling'] : ['websocket', 'polling'],
    autoConnect: false,
    onError,
  });
}
