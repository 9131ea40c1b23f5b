import type { RealtimeClientError } from '@tenantcast/client';
import { useMemo, useRef, useState } from 'react';
import { createDashboardClient } from '../realtime/dashboard-client';
import { RealtimeProvider } from '../realtime/hooks';
import { parseRoute, useHash } from '../routing/use-hash-route';
import type { SessionTokens } from '../session/session-tokens';
import { AnnouncementBanner } from './announcement-banner';
import { ConnectionBar } from './connection-bar';
import { OnlinePanel } from './online-panel';
import { RcaList } from './rca-list';
import { RcaPage } from './rca-page';
import { ToastArea, type Toast } from './toasts';
import { useRcaCatalog } from './use-rca-catalog';

/** Props of {@link Dashboard}. */
export interface DashboardProps {
  tokens: SessionTokens;
  onSignOut: () => void;
}

/**
 * The signed-in dashboard: one realtime connection for the tab, replaced when the transport
 * switch changes (the provider closes the old one and connects the new one).
 */
export function Dashboard({ tokens, onSignOut }: DashboardProps) {
  const [forcePolling, setForcePolling] = useState(false);
  const pushToast = useRef<(toast: Omit<Toast, 'id'>) => void>(undefined);
  const client = useMemo(
    () =>
      createDashboardClient({
        tokens,
        forcePolling,
        onError: (error: RealtimeClientError) => pushToast.current?.({ title: error.message, detail: error.code, tone: 'error' }),
      }),
    [tokens, forcePolling],
  );

  return (
    <RealtimeProvider client={client}>
      <ToastArea pushRef={pushToast}>
        <ConnectionBar identity={tokens.identity} forcePolling={forcePolling} onForcePollingChange={setForcePolling} onSignOut={onSignOut} />
        <AnnouncementBanner />
        <div className="layout">
          <main>
            <Pages tokens={tokens} />
          </main>
          <OnlinePanel tokens={tokens} />
        </div>
      </ToastArea>
    </RealtimeProvider>
  );
}

/** The page the URL's hash names. */
function Pages({ tokens }: { tokens: SessionTokens }) {
  const route = parseRoute(useHash());
  const catalog = useRcaCatalog(tokens);
  if (route.page === 'list') return <RcaList catalog={catalog} />;
  return <RcaPage rcaId={route.rcaId} rca={catalog.rcas?.find((rca) => rca.id === route.rcaId)} tokens={tokens} />;
}
