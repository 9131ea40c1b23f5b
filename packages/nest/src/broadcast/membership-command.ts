import { isValidRoomComponent, resourceRoom, userRoom } from '@tenantcast/protocol';
import { buildRoom } from './build-room';

/**
 * Server-side event (Socket.IO `serverSideEmit`) that asks every process to put the sockets of a
 * user into, or out of, a resource room. Not a client event: clients cannot send it.
 */
export const MEMBERSHIP_COMMAND_EVENT = 'tenantcast:membership';

/** A request to move every connection of one user into or out of one resource room. */
export interface MembershipCommand {
  op: 'join' | 'leave';
  tenantId: string;
  userId: string;
  kind: string;
  id: string;
}

/**
 * Builds a command after checking every part as a room component.
 * @throws RealtimeError `INVALID_ROOM` for an invalid tenant, user, kind or id
 */
export function membershipCommand(op: MembershipCommand['op'], tenantId: string, userId: string, kind: string, id: string): MembershipCommand {
  buildRoom(() => userRoom(tenantId, userId));
  buildRoom(() => resourceRoom(tenantId, kind, id));
  return { op, tenantId, userId, kind, id };
}

/** Reads a command received from another process; `undefined` for anything else. */
export function parseMembershipCommand(value: unknown): MembershipCommand | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { op, tenantId, userId, kind, id } = value as Record<string, unknown>;
  if (op !== 'join' && op !== 'leave') return undefined;
  const valid =
    isValidRoomComponent(tenantId, 'tenantId') && isValidRoomComponent(userId, 'userId') && isValidRoomComponent(kind, 'kind') && isValidRoomComponent(id, 'id');
  return valid ? { op, tenantId, userId, kind, id } : undefined;
}
