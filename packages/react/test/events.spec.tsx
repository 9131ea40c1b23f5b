import { act, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../client/test/support/test-server';
import { waitForStatus } from '../../client/test/support/wait';
import { RealtimeProvider } from '../src/index';
import { hooks, makeTestClient } from './support';
import { waitFor as until } from '@tenantcast/test-support';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await until(() => server.connectedSockets() === 0, 'every test client is closed');
});
afterAll(() => server.close());

describe('useRealtimeEvent', () => {
  it('calls the latest handler without re-subscribing on every render', async () => {
    const client = makeTestClient(server);
    function Notifications() {
      const [prefix, setPrefix] = useState('A:');
      const [titles, setTitles] = useState<string[]>([]);
      hooks.useRealtimeEvent('notification', (envelope) => setTitles((all) => [...all, `${prefix}${envelope.data.title}`]));
      return (
        <>
          <p data-testid="titles">{titles.join('|')}</p>
          <button onClick={() => setPrefix('B:')}>switch</button>
        </>
      );
    }
    const view = render(
      <RealtimeProvider client={client}>
        <Notifications />
      </RealtimeProvider>,
    );
    await waitForStatus(client, 'connected');
    const listeners = client.socket.listeners('notification').length;
    server.realtime.emitToUser('acme', 'alice', 'notification', { title: 'one' });
    await waitFor(() => expect(screen.getByTestId('titles').textContent).toBe('A:one'));
    act(() => screen.getByText('switch').click());
    expect(client.socket.listeners('notification').length).toBe(listeners);
    server.realtime.emitToUser('acme', 'alice', 'notification', { title: 'two' });
    await waitFor(() => expect(screen.getByTestId('titles').textContent).toBe('A:one|B:two'));
    view.unmount();
    expect(client.socket.listeners('notification').length).toBe(listeners - 1);
  });

  it('types the client from createRealtimeHooks', async () => {
    const client = makeTestClient(server);
    function Sender() {
      const typed = hooks.useRealtimeClient();
      return <button onClick={() => typed.emit('typing', { rcaId: '1' })}>send</button>;
    }
    const view = render(
      <RealtimeProvider client={client}>
        <Sender />
      </RealtimeProvider>,
    );
    await waitForStatus(client, 'connected');
    act(() => screen.getByText('send').click());
    await until(() => server.received('typing') >= 1, 'the server receives typing');
    view.unmount();
  });
});
