import { act, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ALICE } from '../../client/test/support/clients';
import { signToken } from '../../client/test/support/jwt';
import { startTestServer, type TestServer } from '../../client/test/support/test-server';
import { recordStatuses, waitForStatus } from '../../client/test/support/wait';
import { RealtimeProvider, usePresence, useRealtimeClient, useRealtimeEvent, useRealtimeStatus, useRoom } from '../src/index';
import { clientOptions, flushTasks, makeTestClient } from './support';
import { waitFor as until } from '@tenantcast/test-support';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await until(() => server.connectedSockets() === 0, 'every test client is closed');
});
afterAll(() => server.close());

function StatusText() {
  const status = useRealtimeStatus();
  return <p data-testid="status">{status.type}</p>;
}

describe('<RealtimeProvider>', () => {
  it('opens exactly one connection under StrictMode, and closes it on unmount', async () => {
    const client = makeTestClient(server);
    const transports = server.transportConnections;
    const sockets = server.namespaceConnections;
    // A connection opened and closed at once may never reach the server; the client's own
    // record shows every attempt.
    const recorder = recordStatuses(client);
    const view = render(
      <StrictMode>
        <RealtimeProvider client={client}>
          <StatusText />
        </RealtimeProvider>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('connected'));
    await act(flushTasks);
    expect(client.status.getSnapshot().type).toBe('connected');
    expect(server.transportConnections - transports).toBe(1);
    expect(server.namespaceConnections - sockets).toBe(1);
    expect(recorder.statuses.map((s) => s.type)).toEqual(['idle', 'connecting', 'connected']);
    recorder.stop();

    view.unmount();
    await act(flushTasks);
    expect(client.status.getSnapshot().type).toBe('idle');
    await until(() => server.connectedSockets() === 0, 'the server sees the socket close');
  });

  it('creates, connects and closes its own client from options, once under StrictMode', async () => {
    const token = vi.fn(() => signToken(ALICE));
    const transports = server.transportConnections;
    const view = render(
      <StrictMode>
        <RealtimeProvider options={clientOptions(server, ALICE, { token })}>
          <StatusText />
        </RealtimeProvider>
      </StrictMode>,
    );
    await waitFor(() => expect(screen.getByTestId('status').textContent).toBe('connected'));
    await act(flushTasks);
    expect(server.transportConnections - transports).toBe(1);
    expect(token).toHaveBeenCalledTimes(1);
    view.unmount();
    await until(() => server.connectedSockets() === 0, 'the server sees the socket close');
  });

  it('renders on the server without connecting', async () => {
    const token = vi.fn(() => signToken(ALICE));
    const client = makeTestClient(server, ALICE, { token });
    const transports = server.transportConnections;
    function Page() {
      const room = useRoom('rca', 'ssr');
      const presence = usePresence();
      useRealtimeEvent('notification', () => undefined);
      return (
        <p>{`${useRealtimeStatus().type}/${room.status}/${presence.status}/${presence.members.length}`}</p>
      );
    }
    const html = renderToString(
      <RealtimeProvider client={client}>
        <Page />
      </RealtimeProvider>,
    );
    const fromOptions = renderToString(
      <RealtimeProvider options={clientOptions(server, ALICE, { token })}>
        <Page />
      </RealtimeProvider>,
    );
    expect(html).toBe('<p>idle/joining/subscribing/0</p>');
    expect(fromOptions).toBe(html);
    await flushTasks();
    expect(token).not.toHaveBeenCalled();
    expect(client.status.getSnapshot().type).toBe('idle');
    expect(server.transportConnections).toBe(transports);
  });

  it('makes every hook outside a provider throw an error that says to wrap the tree', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      for (const Hook of [useRealtimeClient, useRealtimeStatus, () => useRoom('rca', '1'), () => usePresence(), () => useRealtimeEvent('connected', () => undefined)]) {
        function Outside(): ReactNode {
          Hook();
          return null;
        }
        expect(() => render(<Outside />)).toThrow(/must be used inside <RealtimeProvider>.*Wrap your component tree in <RealtimeProvider/);
      }
    } finally {
      spy.mockRestore();
    }
  });

  it('keeps one connection for providers sharing a client, and across a remount', async () => {
    const client = makeTestClient(server);
    const transports = server.transportConnections;
    function Two({ showSecond, generation }: { showSecond: boolean; generation: number }) {
      return (
        <>
          <RealtimeProvider key={generation} client={client}>
            <StatusText />
          </RealtimeProvider>
          {showSecond && <RealtimeProvider client={client}>{null}</RealtimeProvider>}
        </>
      );
    }
    const view = render(<Two showSecond generation={1} />);
    await waitForStatus(client, 'connected');
    const id = client.socket.id;
    view.rerender(<Two showSecond={false} generation={1} />);
    await act(flushTasks);
    expect(client.status.getSnapshot().type).toBe('connected');
    // A new key unmounts the provider and mounts a new one in the same commit.
    view.rerender(<Two showSecond={false} generation={2} />);
    await act(flushTasks);
    expect(client.status.getSnapshot().type).toBe('connected');
    expect(client.socket.id).toBe(id);
    expect(server.transportConnections - transports).toBe(1);
    view.unmount();
    await act(flushTasks);
    expect(client.status.getSnapshot().type).toBe('idle');
  });

  it('keeps the connection when the client prop stays the same across re-renders', async () => {
    const client = makeTestClient(server);
    const view = render(
      <RealtimeProvider client={client}>
        <StatusText />
      </RealtimeProvider>,
    );
    await waitForStatus(client, 'connected');
    const id = client.socket.id;
    view.rerender(
      <RealtimeProvider client={client}>
        <StatusText />
        <span>more</span>
      </RealtimeProvider>,
    );
    await act(flushTasks);
    expect(client.socket.id).toBe(id);
    view.unmount();
  });
});
