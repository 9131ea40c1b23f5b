import type { Logger } from '@nestjs/common';
import { ErrorCode, resourceRoom, roomComponentProblem } from '@tenantcast/protocol';
import { RealtimeError } from '../errors/realtime.error';
import type { SystemSocket } from '../gateway/system-socket';
import { quoteErrorMessage, quoteLogValue } from '../logging/log-values';
import type { RoomKindOptions } from '../realtime-options.interface';

/** A resource room a socket asked for, after validation. */
export interface RoomTarget {
  /** The full room name, built from the socket user's own tenant. */
  room: string;
  /** The resource kind. */
  kind: string;
  /** The resource id. */
  id: string;
}

/**
 * Turns a client's `{ kind, id }` into a room of the user's own tenant. The client never names
 * the tenant or the room: both come from the verified token, so no input reaches another tenant.
 */
export function resolveRoomTarget(rooms: ReadonlyMap<string, RoomKindOptions>, socket: SystemSocket, kind: unknown, id: unknown): RoomTarget {
  if (typeof kind !== 'string' || !rooms.has(kind)) {
    throw new RealtimeError(ErrorCode.InvalidRoom, `Unknown room kind ${quoteLogValue(kind)}; this server accepts: ${[...rooms.keys()].join(', ') || 'none'}.`);
  }
  const problem = roomComponentProblem(id, 'id');
  if (problem !== undefined) throw new RealtimeError(ErrorCode.InvalidRoom, `Invalid room id: ${problem}.`);
  return { room: resourceRoom(socket.data.user.tenantId, kind, id as string), kind, id: id as string };
}

/** Runs the kind's `authorize` hook; a refusal or a throw becomes `FORBIDDEN`. */
export async function authorizeRoom(
  rooms: ReadonlyMap<string, RoomKindOptions>,
  socket: SystemSocket,
  target: RoomTarget,
  logger: Logger,
): Promise<void> {
  if (!(await isAuthorized(rooms, socket, target, logger))) {
    throw new RealtimeError(ErrorCode.Forbidden, `You may not join ${target.kind} ${quoteLogValue(target.id)}.`);
  }
}

/** Whether the kind's `authorize` hook lets the socket's current user into the room; a throw is a no. */
export async function isAuthorized(
  rooms: ReadonlyMap<string, RoomKindOptions>,
  socket: SystemSocket,
  target: RoomTarget,
  logger: Logger,
): Promise<boolean> {
  const authorize = rooms.get(target.kind)?.authorize;
  if (!authorize) return true;
  try {
    return (await authorize(socket.data.user, target.id, socket)) === true;
  } catch (error) {
    logger.error(`authorize hook of room kind ${quoteLogValue(target.kind)} threw: ${quoteErrorMessage(error)}`);
    return false;
  }
}
