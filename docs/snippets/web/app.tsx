// #region register
import { createRealtimeClient } from '@tenantcast/client';
import { RealtimeProvider, usePresence, useRealtimeEvent, useRealtimeStatus, useRoom } from '@tenantcast/react';
import { useState } from 'react';
import type { RcaClientEvents, RcaServerEvents, RcaStatus } from '@acme/rca-contract';
import { auth } from './auth';

// #region declare-register
// Binds the hooks to the app's event maps once, for the whole app.
declare module '@tenantcast/react' {
  interface Register {
    serverEvents: RcaServerEvents;
    clientEvents: RcaClientEvents;
  }
}
// #endregion declare-register

// Created closed: the provider connects after mount (one connection under StrictMode).
const client = createRealtimeClient<RcaServerEvents, RcaClientEvents>({
  url: 'https://api.example.com',
  namespace: '/rca',
  token: ({ reason }) => auth.getAccessToken({ forceRefresh: reason !== 'connect' }),
  autoConnect: false,
});

export function App() {
  return (
    <RealtimeProvider client={client}>
      <RcaPage rcaId="42" />
    </RealtimeProvider>
  );
}
// #endregion register

// #region page
function RcaPage({ rcaId }: { rcaId: string }) {
  const status = useRealtimeStatus();
  const room = useRoom('rca', rcaId); // joined on mount, left on unmount, re-joined after reconnects
  const online = usePresence(); // the tenant; usePresence({ kind: 'rca', id: rcaId }) for the room
  const [rcaStatus, setRcaStatus] = useState<RcaStatus | undefined>();
  useRealtimeEvent('rca-updated', (envelope) => {
    if (envelope.data.rcaId === rcaId) setRcaStatus(envelope.data.status);
  });

  if (status.type === 'unauthorized') return <p>Please sign in again.</p>;
  if (room.status === 'error') return <p>Cannot open this RCA: {room.error?.code}</p>;
  return (
    <section>
      <p>
        {status.type === 'connected' ? 'Live' : status.type === 'reconnecting' ? `Reconnecting (attempt ${status.attempt})` : 'Connecting…'}
        {' · '}
        {room.members.length} viewing · {online.members.length} online
      </p>
      <p>Status: {rcaStatus ?? 'unchanged since you opened it'}</p>
    </section>
  );
}
// #endregion page
