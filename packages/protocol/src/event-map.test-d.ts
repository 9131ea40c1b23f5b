import { describe, expectTypeOf, it } from 'vitest';
import type {
  ClientEvent,
  ClientEventAck,
  ClientEventPayload,
  ClientToServerEvents,
  Envelope,
  JoinAck,
  JoinRequest,
  PresenceSnapshotAck,
  ServerToClientEvents,
  SystemClientEvents,
  SystemServerEvents,
  TokenExpiringPayload,
} from './index';

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

  it('reads payloads and acknowledgements of the system events with the same helpers', () => {
    expectTypeOf<ClientEventPayload<SystemClientEvents, 'join'>>().toEqualTypeOf<JoinRequest>();
    expectTypeOf<ClientEventAck<SystemClientEvents, 'join'>>().toEqualTypeOf<JoinAck>();
    expectTypeOf<ClientEventPayload<SystemClientEvents, 'presence-subscribe'>>().toEqualTypeOf<void>();
    expectTypeOf<ClientEventAck<SystemClientEvents, 'presence-subscribe'>>().toEqualTypeOf<PresenceSnapshotAck>();
    expectTypeOf<SystemServerEvents['token-expiring']>().toEqualTypeOf<TokenExpiringPayload>();
  });
});
