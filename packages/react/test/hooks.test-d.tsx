import type { ClientEvent, Envelope, ErrorAck, RoomMemberPayload } from '@tenantcast/protocol';
import type { PresenceState, RealtimeClient, RealtimeStatus, RoomState } from '@tenantcast/client';
import { describe, expectTypeOf, it } from 'vitest';
import type { TestClientEvents, TestServerEvents } from '../../client/test/support/clients';
import { createRealtimeHooks, RealtimeProvider, usePresence, useRealtimeClient, useRealtimeEvent, useRealtimeStatus, useRoom } from '../src/index';

interface ServerEvents {
  'rca-updated': { rcaId: string; status: 'open' | 'closed' };
}
interface ClientEvents {
  typing: ClientEvent<{ rcaId: string }>;
  'add-comment': ClientEvent<{ text: string }, { ok: true; id: string } | ErrorAck>;
}

// The whole test program sees this augmentation, so it registers the maps the runtime tests use.
declare module '../src/index' {
  interface Register {
    serverEvents: TestServerEvents;
    clientEvents: TestClientEvents;
  }
}

declare const client: RealtimeClient<ServerEvents, ClientEvents>;

describe('hooks bound by createRealtimeHooks', () => {
  const hooks = createRealtimeHooks<ServerEvents, ClientEvents>();

  it('infers event data and refuses unknown events', () => {
    hooks.useRealtimeEvent('rca-updated', (envelope) => {
      expectTypeOf(envelope).toEqualTypeOf<Envelope<ServerEvents['rca-updated'], 'rca-updated'>>();
    });
    hooks.useRealtimeEvent('user-joined', (payload) => expectTypeOf(payload).toEqualTypeOf<RoomMemberPayload>());
    // @ts-expect-error not a server event
    hooks.useRealtimeEvent('rca-deleted', () => undefined);
  });

  it('types the client, its emits and acknowledgements', () => {
    const typed = hooks.useRealtimeClient();
    expectTypeOf(typed).toEqualTypeOf<RealtimeClient<ServerEvents, ClientEvents>>();
    expectTypeOf(typed.request('add-comment', { text: 'x' })).toEqualTypeOf<Promise<{ ok: true; id: string }>>();
    // @ts-expect-error wrong payload
    typed.emit('typing', { rcaId: 1 });
  });

  it('accepts a client of its maps', () => {
    hooks.RealtimeProvider({ client });
  });
});

describe('hooks typed through Register', () => {
  it('use the registered maps', () => {
    useRealtimeEvent('notification', (envelope) => expectTypeOf(envelope.data).toEqualTypeOf<{ title: string }>());
    // @ts-expect-error not registered
    useRealtimeEvent('nope', () => undefined);
    expectTypeOf(useRealtimeClient()).toEqualTypeOf<RealtimeClient<TestServerEvents, TestClientEvents>>();
    // @ts-expect-error registered client events are checked
    useRealtimeClient().emit('typing', { rcaId: 1 });
  });

  it('return the client stores', () => {
    expectTypeOf(useRealtimeStatus()).toEqualTypeOf<RealtimeStatus>();
    expectTypeOf(useRoom('rca', '1')).toEqualTypeOf<RoomState>();
    expectTypeOf(useRoom('rca', '1').status).toEqualTypeOf<'joining' | 'joined' | 'error'>();
    expectTypeOf(usePresence({ kind: 'rca', id: '1' })).toEqualTypeOf<PresenceState>();
  });

  it('takes a client or options, not both', () => {
    RealtimeProvider({ client: {} as RealtimeClient<TestServerEvents, TestClientEvents> });
    RealtimeProvider({ options: { url: 'http://x', token: 't' } });
    // @ts-expect-error one of client or options
    RealtimeProvider({ client: {} as RealtimeClient<TestServerEvents, TestClientEvents>, options: { url: 'http://x', token: 't' } });
    // @ts-expect-error one of client or options
    RealtimeProvider({});
  });
});
