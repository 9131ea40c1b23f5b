import type { RealtimeStatus } from '@tenantcast/client';
import { ErrorCode } from '@tenantcast/protocol';
import { useEffect, useState } from 'react';
import { ErrorNotice } from '../errors/error-notice';
import { useRealtimeClient, useRealtimeStatus } from '../realtime/hooks';
import { describeIdentity, type Identity } from '../session/identity';

/** Props of {@link ConnectionBar}. */
export interface ConnectionBarProps {
  identity: Identity;
  forcePolling: boolean;
  onForcePollingChange: (forcePolling: boolean) => void;
  onSignOut: () => void;
}

/** Seconds left until `deadline`, ticking while one is set. */
function useSecondsUntil(deadline: number | undefined): number | undefined {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (deadline === undefined) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [deadline]);
  return deadline === undefined ? undefined : Math.max(0, (deadline - now) / 1000);
}

/** When the next attempt of a `reconnecting` status runs (taken when the status arrives). */
function useReconnectDeadline(status: RealtimeStatus): number | undefined {
  const [deadline, setDeadline] = useState<number>();
  useEffect(() => {
    setDeadline(status.type === 'reconnecting' ? Date.now() + status.delayMs : undefined);
  }, [status]);
  return deadline;
}

/**
 * The connection as the person should know it: status, transport, the reconnect attempt and its
 * countdown, a switch to force long-polling, and what to do when the session is refused.
 */
export function ConnectionBar({ identity, forcePolling, onForcePollingChange, onSignOut }: ConnectionBarProps) {
  const status = useRealtimeStatus();
  const client = useRealtimeClient();
  const seconds = useSecondsUntil(useReconnectDeadline(status));

  return (
    <>
      <header className="connection-bar" data-status={status.type}>
        <span className="brand">RCA dashboard</span>
        <span className="status">
          <span className="status-dot" />
          <span data-testid="connection-status">{status.type}</span>
          {status.type === 'connected' && (
            <span className="muted">
              {' '}over <span data-testid="transport">{status.transport}</span>
            </span>
          )}
          {status.type === 'reconnecting' && (
            <span className="muted" data-testid="reconnect">
              {' '}attempt {status.attempt} in {seconds === undefined ? '…' : `${seconds.toFixed(1)} s`}
            </span>
          )}
        </span>
        {status.type !== 'connected' && status.lastError && <span className="last-error">{status.lastError.message}</span>}
        <label className="switch">
          <input type="checkbox" checked={forcePolling} onChange={(event) => onForcePollingChange(event.target.checked)} data-testid="force-polling" /> Force long-polling
        </label>
        <span className="me" data-testid="me">
          {describeIdentity(identity)}
        </span>
        <button type="button" onClick={onSignOut}>
          Sign out
        </button>
      </header>
      {status.type === 'unauthorized' && (
        <ErrorNotice error={{ code: status.code, message: status.lastError?.message ?? 'The server refused the token.' }} subject={{ kind: 'session' }}>
          <button type="button" onClick={onSignOut}>
            Sign in again
          </button>
        </ErrorNotice>
      )}
      {status.type === 'offline' && (
        <div className="error-notice" role="alert" data-code={status.lastError?.code ?? ErrorCode.Disconnected}>
          <strong>Gave up reconnecting</strong>
          <p>The backend did not answer any attempt. Check that it is running, then try again.</p>
          {status.lastError && <p className="error-detail">{status.lastError.message}</p>}
          <button type="button" onClick={() => client.connect()}>
            Try again now
          </button>
        </div>
      )}
    </>
  );
}
