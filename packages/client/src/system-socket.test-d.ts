import type { ErrorPayload, PresenceMember, RoomMemberPayload } from '@tenantcast/protocol';
import { describe, expectTypeOf, it } from 'vitest';
import type { SystemRequest, SystemSocket } from './system-socket';

declare const request: SystemRequest;
declare const socket: SystemSocket;

describe('system requests', () => {
  it('take the protocol payload of each system event and resolve with its accepted acknowledgement', () => {
    expectTypeOf(request('join', { kind: 'rca', id: '42' })).toEqualTypeOf<Promise<{ ok: true; room: string; members: PresenceMember[] }>>();
    expectTypeOf(request('presence-subscribe')).toEqualTypeOf<Promise<{ ok: true; members: PresenceMember[] }>>();
    expectTypeOf(request('refresh-token', { token: 't' })).toEqualTypeOf<Promise<{ ok: true; expiresAt: number }>>();
  });

  it('refuse wrong payloads, payloads where none is sent, and application events', () => {
    // @ts-expect-error a join needs kind and id
    void request('join', { kind: 'rca' });
    // @ts-expect-error presence-subscribe carries no payload
    void request('presence-subscribe', {});
    // @ts-expect-error not a system event
    void request('add-comment', {});
  });
});

describe('the system socket', () => {
  it('hands system listeners their payloads', () => {
    socket.on('user-joined', (payload) => expectTypeOf(payload).toEqualTypeOf<RoomMemberPayload>());
    socket.on('session-ended', (payload) => expectTypeOf(payload).toEqualTypeOf<ErrorPayload>());
  });
});
