// #region client
import { createRealtimeClient, isRealtimeClientError } from '@tenantcast/client';
import type { RcaClientEvents, RcaServerEvents } from '@acme/rca-contract';
import { auth, render } from './auth';

export const client = createRealtimeClient<RcaServerEvents, RcaClientEvents>({
  url: 'https://api.example.com',
  namespace: '/rca',
  // Called before every connection attempt, and when the server asks for a fresh token.
  token: ({ reason }) => auth.getAccessToken({ forceRefresh: reason !== 'connect' }),
});

client.status.subscribe(() => {
  const status = client.status.getSnapshot();
  if (status.type === 'reconnecting') render(`Reconnecting in ${Math.round(status.delayMs / 1000)} s`);
  if (status.type === 'unauthorized') render('Please sign in again');
});

// Every event arrives in an envelope: { id, type, data, timestamp, metadata }.
client.on('rca-updated', (envelope) => render(`RCA ${envelope.data.rcaId} is ${envelope.data.status}`));
// #endregion client

// #region rooms
export async function openRca(rcaId: string): Promise<() => Promise<void>> {
  const rca = await client.join('rca', rcaId); // joined again after every reconnect
  render(`${rca.presence.getSnapshot().length} people here`);
  return () => rca.leave();
}
// #endregion rooms

// #region request
export async function addComment(rcaId: string, text: string): Promise<string | undefined> {
  try {
    const { commentId } = await client.request('add-comment', { rcaId, text }, { timeout: 5_000 });
    return commentId;
  } catch (error) {
    // TIMEOUT, DISCONNECTED, or the server's code: INVALID_PAYLOAD, RATE_LIMITED, FORBIDDEN, …
    if (isRealtimeClientError(error)) render(`Not sent: ${error.code}`);
    return undefined;
  }
}
// #endregion request
