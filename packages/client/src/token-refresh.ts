import { SystemEvent } from '@tenantcast/protocol';
import { connectionMessages as messages } from './connection-messages';
import type { RealtimeLogger } from './logger';
import { RealtimeClientError } from './realtime-client-error';
import type { StatusStore } from './status-store';
import type { SystemRequest } from './system-socket';
import { resolveToken, type TokenSource } from './token-provider';

/** @internal */
export interface TokenRefreshDeps {
  token: TokenSource;
  request: SystemRequest;
  status: StatusStore;
  logger: RealtimeLogger;
  /** Whether the socket is connected now; a refresh for a connection that closed is moot. */
  isConnected(): boolean;
  reportError(error: RealtimeClientError): void;
}

/**
 * @internal Answers `token-expiring`: fetches a fresh token and sends it with `refresh-token`, so
 * the connection outlives its first token. A failure is reported and left in the status; the
 * connection stays up until the server ends the session.
 */
export async function refreshTokenInBand(deps: TokenRefreshDeps): Promise<void> {
  const { token, request, status, logger, isConnected, reportError } = deps;
  try {
    const fresh = await resolveToken(token, 'expiring');
    if (!isConnected()) return;
    const { expiresAt } = await request(SystemEvent.RefreshToken, { token: fresh });
    const current = status.getSnapshot();
    if (current.type === 'connected') status.set({ ...current, tokenExpiresAt: expiresAt });
    logger.debug(messages.refreshed(expiresAt));
  } catch (thrown) {
    if (!isConnected()) return;
    const cause = RealtimeClientError.from(thrown);
    const error = new RealtimeClientError(cause.code, messages.refreshFailed(cause.message), { cause: thrown });
    status.setError(error);
    reportError(error);
  }
}
