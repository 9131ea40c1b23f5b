import type { Logger } from '@nestjs/common';
import { ErrorCode, resourceRoom, roomComponentProblem } from '@tenantcast/protocol';
import { RealtimeError } from '../errors/realtime.error';
import type { SystemSocket } from '../gateway/system-socket';
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
    throw new RealtimeError(ErrorCode.InvalidRoom, `Unknown room kind ${describe(kind)}; this server accepts: ${[...rooms.keys()].join(', ') || 'none'}.`);
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
  const authorize = rooms.get(target.kind)?.authorize;
  if (!authorize) return;
  let allowed: boolean;
  try {
    allowed = (await authorize(socket.data.user, target.id, socket)) === true;
  } catch (error) {
    logger.error(`authorize hook of room kind '${target.kind}' threw: ${error instanceof Error ? error.message : String(error)}`);
    allowed = false;
  }
  if (!allowed) throw new RealtimeError(ErrorCode.Forbidden, `You may not join ${target.kind} '${target.id}'.`);
}

function describe(value: unknown): string {
  if (typeof value === 'string') return `'${value.length > 40 ? `${value.slice(0, 40)}…` : value}'`;
  return value === null ? 'null' : typeof value;
}
