import type { ClientEvent, ConnectedPayload, Envelope, ErrorAck, JoinAck, RoomMemberPayload } from '@tenantcast/protocol';
import { describe, expectTypeOf, it } from 'vitest';
import { createRealtimeClient } from './create-realtime-client';
import type { RealtimeClient } from './realtime-client';
import type { RoomHandle } from './room-registry';
import type { RoomState } from './room-state';
import type { RealtimeStatus } from './status-store';

interface ServerEvents {
  'rca-updated': { rcaId: string; status: 'open' | 'closed' };
  notification: { title: string };
}

interface ClientEvents {
  typing: ClientEvent<{ rcaId: string }>;
  ping: ClientEvent<void>;
  'add-comment': ClientEvent<{ rcaId: string; text: string }, { ok: true; id: string } | ErrorAck>;
  'server-time': ClientEvent<void, number>;
}

declare const client: RealtimeClient<ServerEvents, ClientEvents>;

describe('event inference', () => {
  it('hands application events their envelope and system events their payload', () => {
    client.on('rca-updated', (envelope) => {
      expectTypeOf(envelope).toEqualTypeOf<Envelope<{ rcaId: string; status: 'open' | 'closed' }, 'rca-updated'>>();
      expectTypeOf(envelope.data.status).toEqualTypeOf<'open' | 'closed'>();
    });
    client.once('connected', (payload) => expectTypeOf(payload).toEqualTypeOf<ConnectedPayload>());
    client.on('user-joined', (payload) => expectTypeOf(payload).toEqualTypeOf<RoomMemberPayload>());
    expectTypeOf(client.on('notification', () => undefined)).toEqualTypeOf<() => void>();
  });

  it('refuses unknown events and handlers of the wrong shape', () => {
    // @ts-expect-error not in the server event map
    client.on('rca-deleted', () => undefined);
    // @ts-expect-error the handler expects another event's data
    client.on('notification', (envelope: Envelope<{ rcaId: string }>) => envelope);
  });
});

describe('emit and request', () => {
  it('types payloads and refuses wrong ones', () => {
    client.emit('typing', { rcaId: '42' });
    client.emit('ping');
    // @ts-expect-error payload is missing a field
    client.emit('typing', {});
    // @ts-expect-error wrong payload type
    client.emit('typing', { rcaId: 42 });
    // @ts-expect-error `ping` takes no payload
    client.emit('ping', 'extra');
    // @ts-expect-error acknowledged events go through `request`
    client.emit('add-comment', { rcaId: '42', text: 'x' });
    // @ts-expect-error system events are sent by the client's own methods
    client.emit('join', { kind: 'rca', id: '42' });
  });

  it('resolves with the acknowledgement minus its refusal branch', () => {
    expectTypeOf(client.request('add-comment', { rcaId: '42', text: 'x' })).toEqualTypeOf<Promise<{ ok: true; id: string }>>();
    expectTypeOf(client.request('add-comment', { rcaId: '42', text: 'x' }, { timeout: 1000 })).toEqualTypeOf<Promise<{ ok: true; id: string }>>();
    expectTypeOf(client.request('server-time')).toEqualTypeOf<Promise<number>>();
    expectTypeOf(client.request('server-time', undefined, { timeout: 500 })).toEqualTypeOf<Promise<number>>();
    // @ts-expect-error unacknowledged events go through `emit`
    void client.request('typing', { rcaId: '42' });
    // @ts-expect-error payload of the wrong type
    void client.request('add-comment', { rcaId: '42' });
    // @ts-expect-error system events are not requested directly
    void client.request('join', { kind: 'rca', id: '1' });
  });
});

describe('factory, status and rooms', () => {
  it('binds the maps once and refuses maps that reuse reserved names', () => {
    expectTypeOf(createRealtimeClient<ServerEvents, ClientEvents>({ url: 'http://x', token: 't' })).toEqualTypeOf<RealtimeClient<ServerEvents, ClientEvents>>();
    expectTypeOf(createRealtimeClient({ url: 'http://x', token: async () => 't' })).toEqualTypeOf<RealtimeClient>();
    // @ts-expect-error `connected` is a system event name
    createRealtimeClient<{ connected: string }>({ url: 'http://x', token: 't' });
    // @ts-expect-error `disconnect` is reserved by socket.io
    createRealtimeClient<{ disconnect: string }>({ url: 'http://x', token: 't' });
    // @ts-expect-error client events must be declared with ClientEvent<Payload, Ack>
    createRealtimeClient<ServerEvents, { typing: string }>({ url: 'http://x', token: 't' });
    // @ts-expect-error the token provider must return a string
    createRealtimeClient({ url: 'http://x', token: () => 42 });
  });

  it('narrows the status union on `type`', () => {
    const status = client.status.getSnapshot();
    expectTypeOf(status).toEqualTypeOf<RealtimeStatus>();
    if (status.type === 'reconnecting') expectTypeOf(status.delayMs).toEqualTypeOf<number>();
    if (status.type === 'unauthorized') expectTypeOf(status.code).toEqualTypeOf<'UNAUTHORIZED' | 'TOKEN_EXPIRED'>();
    if (status.type === 'connected') expectTypeOf(status.user.tenantId).toEqualTypeOf<string>();
  });

  it('gives rooms a handle and a store', () => {
    expectTypeOf(client.join('rca', '42')).toEqualTypeOf<Promise<RoomHandle>>();
    expectTypeOf(client.room('rca', '42').getSnapshot()).toEqualTypeOf<RoomState>();
    expectTypeOf<RoomState['status']>().toEqualTypeOf<'joining' | 'joined' | 'error'>();
    expectTypeOf<Extract<JoinAck, { ok: true }>['members']>().toEqualTypeOf<RoomState['members'][number][]>();
  });
});
