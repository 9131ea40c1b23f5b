import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_ROOM_COMPONENT_LENGTH,
  parseRoomName,
  presenceRoom,
  resourceRoom,
  RoomNameError,
  tenantRoom,
  userRoom,
} from './room-names';

const hostileIds = ['', ':', 'a:b', '*', 'a*', '?', '[a-z]', '\\', '{acme}', 'a\u0000b', '\u0007', 'a\u200bb', '\u202eevil', '\ufeff', 'x'.repeat(MAX_ROOM_COMPONENT_LENGTH + 1)];

describe('room names', () => {
  it('builds the tenant, user, presence and resource room names', () => {
    expect(tenantRoom('acme')).toBe('tenant:acme');
    expect(userRoom('acme', 'u1')).toBe('tenant:acme:user:u1');
    expect(presenceRoom('acme')).toBe('tenant:acme:presence');
    expect(resourceRoom('acme', 'rca', '42')).toBe('tenant:acme:rca:42');
  });

  it.each(hostileIds.map((id) => [JSON.stringify(id).slice(0, 30), id]))('rejects the component %s instead of altering it', (_label, id) => {
    expect(() => resourceRoom('acme', 'rca', id)).toThrow(RoomNameError);
    expect(() => tenantRoom(id)).toThrow(RoomNameError);
    expect(() => userRoom('acme', id)).toThrow(RoomNameError);
  });

  it('rejects non-string components with INVALID_ROOM', () => {
    for (const value of [42, null, undefined, {}, ['a'], true]) {
      expect(() => resourceRoom('acme', 'rca', value as unknown as string)).toThrow(expect.objectContaining({ code: 'INVALID_ROOM' }));
    }
  });

  it('accepts ids up to the maximum length and Unicode letters', () => {
    expect(resourceRoom('acme', 'rca', 'x'.repeat(MAX_ROOM_COMPONENT_LENGTH))).toHaveLength(`tenant:acme:rca:`.length + MAX_ROOM_COMPONENT_LENGTH);
    expect(parseRoomName(resourceRoom('acme', 'rca', 'ünïcødé-✓'))).toEqual({ type: 'resource', tenantId: 'acme', kind: 'rca', id: 'ünïcødé-✓' });
  });

  it('keeps the fixed segments out of application kinds, so a resource room never looks like a user room', () => {
    for (const kind of ['user', 'presence', 'tenant', 'RCA', 'rca:x', '1rca', '']) {
      expect(() => resourceRoom('acme', kind, '1')).toThrow(RoomNameError);
    }
  });

  it('refuses names that are not room names when parsing', () => {
    for (const name of ['', 'acme', 'tenant:', 'tenant:a:b', 'tenant:a:user:u:extra', 'room:a', 'tenant:a:rca:*', 'tenant:a:USER:u']) {
      expect(() => parseRoomName(name), name).toThrow(RoomNameError);
    }
  });

  const component = fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
    fc.stringMatching(/^[:#*?[\]\\{}\u0000]{0,8}$/),
    fc.string({ minLength: 20, maxLength: 20 }),
    fc.constantFrom('1', '1.0', '01', '__proto__', 'constructor'),
  );
  const kind = fc.stringMatching(/^[a-z][a-z0-9_-]{0,31}$/).filter((value) => !['user', 'presence', 'tenant'].includes(value));
  const build = (tenantId: string, k: string, id: string): string | undefined => {
    try {
      return resourceRoom(tenantId, k, id);
    } catch {
      return undefined;
    }
  };

  it('is injective: two different (tenant, kind, id) never build the same room name', () => {
    fc.assert(
      fc.property(component, kind, component, component, kind, component, (t1, k1, i1, t2, k2, i2) => {
        const a = build(t1, k1, i1);
        const b = build(t2, k2, i2);
        if (a !== undefined && a === b) expect([t1, k1, i1]).toEqual([t2, k2, i2]);
      }),
    );
  });

  it('parses every name it builds back to exactly its parts, never containing glob or brace characters', () => {
    fc.assert(
      fc.property(component, kind, component, (tenantId, k, id) => {
        const name = build(tenantId, k, id);
        if (name === undefined) return;
        expect(parseRoomName(name)).toEqual({ type: 'resource', tenantId, kind: k, id });
        expect(name).not.toMatch(/[*?[\]\\{}]/);
      }),
    );
  });
});
