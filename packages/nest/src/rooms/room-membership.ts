import type { Logger } from '@nestjs/common';
import { ErrorCode, parseRoomName, SystemEvent, type ErrorAck, type JoinAck, type LeaveAck, type RoomPayload } from '@tenantcast/protocol';
import { RealtimeError } from '../errors/realtime.error';
import type { SystemSocket } from '../gateway/system-socket';
import { quoteLogValue } from '../logging/log-values';
import type { RealtimeObserver } from '../observability/realtime-observer';
import type { PresenceReader } from '../presence/presence-reader';
import type { PresenceTracker } from '../presence/presence-tracker';
import type { RoomKindOptions } from '../realtime-options.interface';
import { SerialQueues } from '../serial-queues';
import { authorizeRoom, isAuthorized, resolveRoomTarget, type RoomTarget } from './room-access';

/** What room membership works with. */
export interface RoomMembershipOptions {
  rooms: ReadonlyMap<string, RoomKindOptions>;
  tracker: PresenceTracker;
  reader: PresenceReader;
  logger: Logger;
  /** Resource rooms one socket may be in at once. */
  maxRoomsPerSocket: number;
  /** Hears each join, leave and refusal (the lifecycle log and metrics). */
  observer: RealtimeObserver;
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
  private readonly maxRoomsPerSocket: number;
  private readonly observer: RealtimeObserver;

  constructor(options: RoomMembershipOptions) {
    ({ rooms: this.rooms, tracker: this.tracker, reader: this.reader, logger: this.logger, maxRoomsPerSocket: this.maxRoomsPerSocket, observer: this.observer } = options);
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

  /**
   * Runs `authorize` again, with the socket's current user, for every resource room it is in,
   * and takes it out of those now refused: the room gets `user-left` (if it was the user's last
   * connection there), the socket `room-lost` with the reason. Called after a token refresh, so a
   * downgraded token (a role or a resource list taken away) does not keep its rooms.
   */
  reauthorize(socket: SystemSocket): Promise<void> {
    return this.queues.run(socket.id, async () => {
      for (const target of this.resourceRoomsOf(socket)) {
        if (socket.disconnected) return;
        if (await isAuthorized(this.rooms, socket, target, this.logger)) continue;
        await this.remove(socket, target);
        socket.emit(SystemEvent.RoomLost, {
          ...roomPayload(target),
          code: ErrorCode.Forbidden,
          message: `Your refreshed access no longer allows ${target.kind} ${quoteLogValue(target.id)}; you left its room.`,
        });
        this.logger.warn(`Removed from room=${quoteLogValue(target.room)} after token refresh code=FORBIDDEN ${identity(socket)}`);
      }
    });
  }

  private async joinNow(socket: SystemSocket, kind: unknown, id: unknown, authorize: boolean): Promise<JoinAck> {
    const { user } = socket.data;
    try {
      const target = resolveRoomTarget(this.rooms, socket, kind, id);
      if (!socket.rooms.has(target.room) && this.resourceRoomsOf(socket).length >= this.maxRoomsPerSocket) {
        throw new RealtimeError(ErrorCode.RoomLimit, `This connection is already in ${this.maxRoomsPerSocket} rooms, the most allowed; leave one before joining another.`);
      }
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
      this.observer.joined(socket, target);
      return { ok: true, room: target.room, members };
    } catch (error) {
      return this.refuse('join', socket, error);
    }
  }

  private async leaveNow(socket: SystemSocket, kind: unknown, id: unknown): Promise<LeaveAck> {
    try {
      const target = resolveRoomTarget(this.rooms, socket, kind, id);
      if (!socket.rooms.has(target.room)) return { ok: true, room: target.room };
      await this.remove(socket, target);
      socket.emit(SystemEvent.RoomLeft, roomPayload(target));
      this.observer.left(socket, target);
      return { ok: true, room: target.room };
    } catch (error) {
      return this.refuse('leave', socket, error);
    }
  }

  /** Takes the socket out of a room it is in, updates presence and tells the room if the user left it. */
  private async remove(socket: SystemSocket, target: RoomTarget): Promise<void> {
    const { user } = socket.data;
    await socket.leave(target.room);
    if (await this.tracker.leftRoom(socket, { kind: target.kind, id: target.id })) {
      socket.to(target.room).emit(SystemEvent.UserLeft, { ...roomPayload(target), userId: user.userId, meta: this.tracker.metaOf(user), timestamp: Date.now() });
    }
  }

  /** The resource rooms of the socket's own tenant it is in. */
  private resourceRoomsOf(socket: SystemSocket): RoomTarget[] {
    const targets: RoomTarget[] = [];
    for (const room of socket.rooms) {
      if (!room.startsWith('tenant:')) continue;
      try {
        const parsed = parseRoomName(room);
        if (parsed.type === 'resource' && parsed.tenantId === socket.data.user.tenantId) targets.push({ room, kind: parsed.kind, id: parsed.id });
      } catch {
        // Not one of the module's room names (an application's own room): not counted.
      }
    }
    return targets;
  }

  private refuse(operation: 'join' | 'leave', socket: SystemSocket, error: unknown): ErrorAck {
    const payload = RealtimeError.toPayload(error);
    this.observer.roomRefused(operation, socket, payload, error);
    return { ok: false, error: payload };
  }
}

function identity(socket: SystemSocket): string {
  const { tenantId, userId } = socket.data.user;
  return `tenant=${quoteLogValue(tenantId)} user=${quoteLogValue(userId)} socket=${socket.id}`;
}

function roomPayload({ room, kind, id }: RoomTarget): RoomPayload {
  return { room, kind, id };
}
