import { act, render, screen, waitFor } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ALICE, BOB } from '../../client/test/support/clients';
import { startTestServer, type TestServer } from '../../client/test/support/test-server';
import { waitForStatus } from '../../client/test/support/wait';
import { RealtimeProvider, usePresence, useRoom } from '../src/index';
import { flushTasks, makeTestClient } from './support';
import { waitFor as until } from '@tenantcast/test-support';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer({ rooms: { rca: { authorize: (_user, id) => id !== 'secret' } } });
});
afterEach(async () => {
  await until(() => server.connectedSockets() === 0, 'every test client is closed');
});
afterAll(() => server.close());

function Room({ name, id }: { name: string; id: string }) {
  const room = useRoom('rca', id);
  return (
    <p data-testid={name}>
      {room.status}:{room.members.map((m) => m.userId).join(',')}
      {room.error ? `:${room.error.code}` : ''}
    </p>
  );
}

function TwoViews({ id }: { id: string }) {
  const [shown, setShown] = useState({ first: false, second: false });
  return (
    <>
      <button onClick={() => setShown((s) => ({ ...s, first: true }))}>show first</button>
      <button onClick={() => setShown((s) => ({ ...s, second: true }))}>show second</button>
      {shown.first && <Room name="first" id={id} />}
      {shown.second && <Room name="second" id={id} />}
      <button onClick={() => setShown((s) => ({ ...s, first: false }))}>hide first</button>
      <button onClick={() => setShown((s) => ({ ...s, second: false }))}>hide second</button>
    </>
  );
}

const membersOf = async (id: string) => (await server.realtime.presence.inRoom('acme', 'rca', id)).map((m) => m.userId);

describe('useRoom', () => {
  it('shares one server join between two components (StrictMode), and leaves when the last unmounts', async () => {
    const client = makeTestClient(server);
    const joins = server.received('join');
    const leaves = server.received('leave');
    const view = render(
      <StrictMode>
        <RealtimeProvider client={client}>
          <TwoViews id="shared" />
        </RealtimeProvider>
      </StrictMode>,
    );
    await waitForStatus(client, 'connected');
    // Mounted while connected, so StrictMode's extra unmount/mount would reach the server.
    act(() => screen.getByText('show first').click());
    await waitFor(() => expect(screen.getByTestId('first').textContent).toBe('joined:alice'));
    await act(flushTasks);
    expect(server.received('join') - joins).toBe(1);
    expect(server.received('leave') - leaves).toBe(0);
    act(() => screen.getByText('show second').click());
    expect(screen.getByTestId('second').textContent).toBe('joined:alice');
    await act(flushTasks);
    expect(server.received('join') - joins).toBe(1);
    expect(await membersOf('shared')).toEqual(['alice']);

    await act(async () => {
      screen.getByText('hide first').click();
      await flushTasks();
    });
    expect(server.received('leave') - leaves).toBe(0);
    expect(await membersOf('shared')).toEqual(['alice']);

    await act(async () => {
      screen.getByText('hide second').click();
      await flushTasks();
    });
    await until(() => server.received('leave') - leaves === 1, 'one leave reaches the server');
    await until(async () => (await membersOf('shared')).length === 0, 'the server room is empty');
    expect(client.status.getSnapshot().type).toBe('connected');
    view.unmount();
  });

  it('leaves the room when the component unmounts, and follows other members', async () => {
    const alice = makeTestClient(server, ALICE);
    const bob = makeTestClient(server, BOB);
    const view = render(
      <RealtimeProvider client={alice}>
        <Room name="alice" id="watch" />
      </RealtimeProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('alice').textContent).toBe('joined:alice'));
    const bobView = render(
      <RealtimeProvider client={bob}>
        <Room name="bob" id="watch" />
      </RealtimeProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('alice').textContent).toBe('joined:alice,bob'));
    bobView.unmount();
    await waitFor(() => expect(screen.getByTestId('alice').textContent).toBe('joined:alice'));
    expect(await membersOf('watch')).toEqual(['alice']);
    view.unmount();
    await until(async () => (await membersOf('watch')).length === 0, 'alice has left');
  });

  it('shows a refusal as status error with the server code', async () => {
    const client = makeTestClient(server);
    const view = render(
      <RealtimeProvider client={client}>
        <Room name="secret" id="secret" />
      </RealtimeProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('secret').textContent).toBe('error::FORBIDDEN'));
    view.unmount();
  });

  it('switches rooms when the id changes', async () => {
    const client = makeTestClient(server);
    const view = render(
      <RealtimeProvider client={client}>
        <Room name="room" id="one" />
      </RealtimeProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('room').textContent).toBe('joined:alice'));
    view.rerender(
      <RealtimeProvider client={client}>
        <Room name="room" id="two" />
      </RealtimeProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('room').textContent).toBe('joined:alice'));
    await until(async () => (await membersOf('one')).length === 0 && (await membersOf('two')).length === 1, 'the server moved alice');
    view.unmount();
  });
});

describe('usePresence', () => {
  function Online() {
    const presence = usePresence();
    return <p data-testid="online">{presence.status}:{presence.members.map((m) => m.userId).sort().join(',')}</p>;
  }

  it('shows who is online in the tenant and follows changes', async () => {
    const alice = makeTestClient(server, ALICE);
    const view = render(
      <RealtimeProvider client={alice}>
        <Online />
      </RealtimeProvider>,
    );
    await waitFor(() => expect(screen.getByTestId('online').textContent).toBe('subscribed:alice'));
    const bob = makeTestClient(server, BOB);
    bob.connect();
    await waitFor(() => expect(screen.getByTestId('online').textContent).toBe('subscribed:alice,bob'));
    bob.close();
    await waitFor(() => expect(screen.getByTestId('online').textContent).toBe('subscribed:alice'));
    view.unmount();
  });
});
