import { createRealtimeClient, silentLogger } from '@tenantcast/client';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { RcaClientEvents, RcaServerEvents } from 'nest-rca/contract';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freePort } from '@tenantcast/test-support';
import { RealtimeProvider } from '../realtime/hooks';
import { ConnectionBar } from './connection-bar';

const RECONNECTION = { delayMs: 200, maxDelayMs: 400, maxAttempts: 2, jitter: 0 };
/** Every scheduled delay, plus time for the refused attempts themselves. */
const GIVE_UP_MS = RECONNECTION.delayMs + RECONNECTION.maxDelayMs + 3_000;

describe('ConnectionBar', () => {
  afterEach(cleanup);

  it('shows reconnecting with the attempt and a countdown, then offline with a way to try again', async () => {
    // Nothing listens on the port: every attempt is refused at once.
    const client = createRealtimeClient<RcaServerEvents, RcaClientEvents>({
      url: `http://127.0.0.1:${await freePort()}`,
      namespace: '/rca',
      token: 'unused',
      transports: ['websocket'],
      reconnection: RECONNECTION,
      autoConnect: false,
      logger: silentLogger,
    });
    const onForcePollingChange = vi.fn();
    render(
      <RealtimeProvider client={client}>
        <ConnectionBar identity={{ userId: 'alice', tenantId: 'acme', role: 'engineer' }} forcePolling={false} onForcePollingChange={onForcePollingChange} onSignOut={() => undefined} />
      </RealtimeProvider>,
    );

    await waitFor(() => expect(screen.getByTestId('connection-status').textContent).toBe('reconnecting'));
    expect(screen.getByTestId('reconnect').textContent).toMatch(/attempt 1 in \d\.\d s/);
    expect(screen.getByTestId('me').textContent).toBe('alice · acme · engineer');

    await waitFor(() => expect(screen.getByTestId('connection-status').textContent).toBe('offline'), { timeout: GIVE_UP_MS });
    expect(screen.getByRole('alert').textContent).toContain('Gave up reconnecting');
    act(() => fireEvent.click(screen.getByRole('button', { name: 'Try again now' })));
    await waitFor(() => expect(screen.getByTestId('connection-status').textContent).not.toBe('offline'));

    fireEvent.click(screen.getByTestId('force-polling'));
    expect(onForcePollingChange).toHaveBeenCalledWith(true);
    client.close();
  });
});
