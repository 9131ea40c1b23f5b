import type { PresenceMember } from '@tenantcast/protocol';
import { describe, expect, it } from 'vitest';
import { createStore } from './external-store';
import { roomPresence, TenantPresence } from './presence-subscription';
import type { RoomRef } from './room-registry';
import type { RoomState } from './room-state';
import type { SystemRequest } from './system-socket';

const alice: PresenceMember = { userId: 'alice', connections: 1, meta: {}, since: 1 };
const bob = { userId: 'bob', meta: { role: 'viewer' }, timestamp: 2 };
const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('TenantPresence', () => {
  it('subscribes with presence-subscribe, then follows presence-online and presence-offline', async () => {
    const sent: string[] = [];
    const request = (async (event: string) => {
      sent.push(event);
      return { ok: true, members: [alice] };
    }) as SystemRequest;
    const presence = new TenantPresence({ request, isConnected: () => true, reportError: () => undefined });
    const ref = presence.acquire();
    expect(ref.getSnapshot()).toEqual({ status: 'subscribing', members: [], error: undefined });
    await tick();
    expect(ref.getSnapshot()).toMatchObject({ status: 'subscribed', members: [alice] });
    presence.online({ tenantId: 'acme', ...bob });
    expect(ref.getSnapshot().members.map((member) => member.userId)).toEqual(['alice', 'bob']);
    presence.offline({ tenantId: 'acme', ...bob });
    expect(ref.getSnapshot().members).toEqual([alice]);
    await ref.release();
    expect(sent).toEqual(['presence-subscribe', 'presence-unsubscribe']);
  });
});

describe('roomPresence', () => {
  it("shows a room's members in the same words as tenant presence", async () => {
    const room = createStore<RoomState>({ status: 'joining', members: [] });
    let releases = 0;
    const ref: RoomRef = {
      kind: 'rca',
      id: '42',
      subscribe: room.subscribe,
      getSnapshot: room.getSnapshot,
      release: async () => {
        releases += 1;
      },
    };
    const presence = roomPresence(ref);
    expect(presence.getSnapshot().status).toBe('subscribing');
    room.set({ status: 'joined', members: [alice], room: 'tenant:acme:rca:42' });
    expect(presence.getSnapshot()).toEqual({ status: 'subscribed', members: [alice], error: undefined });
    room.set({ status: 'error', members: [], error: undefined });
    expect(presence.getSnapshot().status).toBe('error');
    await presence.release();
    await presence.release();
    expect(releases).toBe(1);
  });
});
