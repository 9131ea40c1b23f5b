import { describe, expectTypeOf, it } from 'vitest';
import type { ClientEvent, ClientEventAck, ClientEventPayload, ClientToServerEvents, Envelope, JoinAck, ServerToClientEvents } from './index';

interface ServerEvents {
  'rca-updated': { rcaId: string; status: string };
}
interface ClientEvents {
  'join-rca': ClientEvent<string, JoinAck>;
  typing: ClientEvent<{ rcaId: string }>;
}

describe('event map helpers', () => {
  it('types application server events as envelopes of their data', () => {
    type Listener = ServerToClientEvents<ServerEvents>['rca-updated'];
    expectTypeOf<Parameters<Listener>[0]>().toEqualTypeOf<Envelope<{ rcaId: string; status: string }, 'rca-updated'>>();
  });

  it('types system server events as their payloads', () => {
    type Listener = ServerToClientEvents<ServerEvents>['user-joined'];
    expectTypeOf<Parameters<Listener>[0]>().toHaveProperty('userId').toEqualTypeOf<string>();
  });

  it('types client events with payloads and acknowledgements', () => {
    expectTypeOf<ClientEventPayload<ClientEvents, 'join-rca'>>().toEqualTypeOf<string>();
    expectTypeOf<ClientEventAck<ClientEvents, 'join-rca'>>().toEqualTypeOf<JoinAck>();
    type JoinRca = ClientToServerEvents<ClientEvents>['join-rca'];
    expectTypeOf<Parameters<JoinRca>>().toEqualTypeOf<[payload: string, ack: (response: JoinAck) => void]>();
    type Typing = ClientToServerEvents<ClientEvents>['typing'];
    expectTypeOf<Parameters<Typing>>().toEqualTypeOf<[payload: { rcaId: string }]>();
  });
});
