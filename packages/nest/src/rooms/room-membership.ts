import type { Logger } from '@nestjs/common';
import { ErrorCode, SystemEvent, type ErrorAck, type JoinAck, type LeaveAck, type RoomPayload } from '@tenantcast/protocol';
import { RealtimeError } from '../errors/realtime.error';
import type { SystemSocket } from '../gateway/system-socket';
import type { PresenceReader } from '../presence/presence-reader';
import type { PresenceTracker } from '../presence/presence-tracker';
import type { RoomKindOptions } from '../realtime-options.interface';
import { SerialQueues } from '../serial-queues';
import { authorizeRoom, resolveRoomTarget, type RoomTarget } from './room-access';

/** What room membership works with. */
export interface RoomMembershipOptions {
  rooms: ReadonlyMap<string, RoomKindOptions>;
  tracker: PresenceTracker;
  reader: PresenceReader;
  logger: Logger;
}

/**
 * Joins and leaves resource rooms for a socket: validates the request, builds the room in the
 * user's own tenant, runs the kind's `authorize` hook, updates presence and tells the room.
 * A refusal leaves `socket.rooms` as it was and is returned as an acknowledgement, never thrown.
 *
 * The requests of one socket run one after another, in arrival order: a `leave` sent while a
 * `join` still waits for `authorize` must apply after it, or the join would leave a ghost member.
 */
export class RoomMembership {
  private readonly queues = new SerialQueues();
  private readonly rooms: ReadonlyMap<string, RoomKindOptions>;
  private readonly tracker: PresenceTracker;
  private readonly reader: PresenceReader;
  private readonly logger: Logger;

  constructor(options: RoomMembershipOptions) {
    ({ rooms: this.rooms, tracker: this.tracker, reader: this.reader, logger: this.logger } = options);
  }

  /** The resource kinds clients may join. */
  get kinds(): string[] {
    return [...this.rooms.keys()];
  }

  /** Joins `socket` to resource `kind`/`id` of its tenant, after the kind's `authorize` hook. */
  join(socket: SystemSocket, kind: unknown, id: unknown): Promise<JoinAck> {
    return this.queues.run(socket.id, () => this.joinNow(socket, kind, id, true));
  }

  /**
   * Joins `socket` as {@link join} does, without asking `authorize`: the server itself decided
   * (`RealtimeService.joinUser`), e.g. because the user was just given access.
   */
  joinByServer(socket: SystemSocket, kind: unknown, id: unknown): Promise<JoinAck> {
    return this.queues.run(socket.id, () => this.joinNow(socket, kind, id, false));
  }

  /** Removes `socket` from resource `kind`/`id` of its tenant; leaving a room not joined is fine. */
  leave(socket: SystemSocket, kind: unknown, id: unknown): Promise<LeaveAck> {
    return this.queues.run(socket.id, () => this.leaveNow(socket, kind, id));
  }

  private async joinNow(socket: SystemSocket, kind: unknown, id: unknown, authorize: boolean): Promise<JoinAck> {
    const { user } = socket.data;
    try {
      const target = resolveRoomTarget(this.rooms, socket, kind, id);
      if (authorize) await authorizeRoom(this.rooms, socket, target, this.logger);
      // The socket may have gone while `authorize` ran; joining now would leave a ghost member.
      if (socket.disconnected) throw new RealtimeError(ErrorCode.Internal, 'The connection closed during the join.');
      await socket.join(target.room);
      const ref = { kind: target.kind, id: target.id };
      const entered = await this.tracker.joinedRoom(socket, ref);
      const members = await this.reader.roomSnapshot(user.tenantId, ref);
      const payload = roomPayload(target);
      socket.emit(SystemEvent.RoomJoined, payload);
      if (entered) {
        socket.to(target.room).emit(SystemEvent.UserJoined, { ...payload, userId: user.userId, meta: this.tracker.metaOf(user), timestamp: Date.now() });
      }
      this.logger.log(`Joined room=${target.room} tenant=${user.tenantId} user=${user.userId} socket=${socket.id}`);
      return { ok: true, room: target.room, members };
    } catch (error) {
      return this.refuse('join', socket, error);
    }
  }

  private async leaveNow(socket: SystemSocket, kind: unknown, id: unknown): Promise<LeaveAck> {
    const { user } = socket.data;
    try {
      const target = resolveRoomTarget(this.rooms, socket, kind, id);
      if (!socket.rooms.has(target.room)) return { ok: true, room: target.room };
      await socket.leave(target.room);
      const left = await this.tracker.leftRoom(socket, { kind: target.kind, id: target.id });
      const payload = roomPayload(target);
      socket.emit(SystemEvent.RoomLeft, payload);
      if (left) {
        socket.to(target.room).emit(SystemEvent.UserLeft, { ...payload, userId: user.userId, meta: this.tracker.metaOf(user), timestamp: Date.now() });
      }
      this.logger.log(`Left room=${target.room} tenant=${user.tenantId} user=${user.userId} socket=${socket.id}`);
      return { ok: true, room: target.room };
    } catch (error) {
      return this.refuse('leave', socket, error);
    }
  }

  private refuse(operation: string, socket: SystemSocket, error: unknown): ErrorAck {
    const payload = RealtimeError.toPayload(error);
    const { user } = socket.data;
    if (payload.code === ErrorCode.Internal) {
      this.logger.error(`${operation} failed tenant=${user.tenantId} user=${user.userId} socket=${socket.id}: ${error instanceof Error ? error.stack : String(error)}`);
    } else {
      this.logger.warn(`Refused ${operation} code=${payload.code} tenant=${user.tenantId} user=${user.userId} socket=${socket.id}: ${payload.message}`);
    }
    return { ok: false, error: payload };
  }
}

function roomPayload({ room, kind, id }: RoomTarget): RoomPayload {
  return { room, kind, id };
}
