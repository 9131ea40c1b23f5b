import { Inject, Injectable } from '@nestjs/common';
import {
  ErrorCode,
  isApplicationEventName,
  resourceRoom,
  RoomNameError,
  SystemEvent,
  tenantRoom,
  userRoom,
  type Envelope,
  type EnvelopeMetadata,
  type JoinAck,
  type LeaveAck,
} from '@tenantcast/protocol';
import { randomUUID } from 'node:crypto';
import { RealtimeError } from './errors/realtime.error';
import type { NamespaceHost } from './gateway/namespace-host';
import type { PresenceQueries, PresenceReader } from './presence/presence-reader';
import { NAMESPACE_HOST, PRESENCE_READER, ROOM_MEMBERSHIP } from './realtime-internal.constants';
import type { RealtimeNamespace, RealtimeSocket } from './realtime-socket';
import type { RoomMembership } from './rooms/room-membership';
import { SharedAcrossBuilds } from './shared-across-builds';

/**
 * Sends application events to rooms, users and tenants in the standard {@link Envelope}, joins
 * sockets to rooms for apps that map their own events, and answers presence queries.
 *
 * @typeParam Events - the application's server event map (event name → data type); inject as
 * `RealtimeService<MyServerEvents>` to have event names and data checked.
 *
 * @example
 * ```ts
 * constructor(private readonly realtime: RealtimeService<RcaServerEvents>) {}
 *
 * this.realtime.emitToRoom(user.tenantId, 'rca', rcaId, 'rca-updated', { status: 'closed' });
 * ```
 */
@SharedAcrossBuilds('RealtimeService')
@Injectable()
// `any` in the constraint lets interfaces (which lack index signatures) serve as event maps.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class RealtimeService<Events extends Record<string, any> = Record<string, unknown>> {
  /**
   * Presence queries over the configured store. While the store is unavailable (Redis away) they
   * reject with a `RealtimeError` `INTERNAL`, never answer "nobody online".
   */
  readonly presence: PresenceQueries;

  constructor(
    @Inject(NAMESPACE_HOST) private readonly host: NamespaceHost,
    @Inject(ROOM_MEMBERSHIP) private readonly membership: RoomMembership,
    @Inject(PRESENCE_READER) reader: PresenceReader,
  ) {
    this.presence = Object.freeze({
      online: (tenantId: string) => reader.online(tenantId),
      count: (tenantId: string) => reader.count(tenantId),
      isOnline: (tenantId: string, userId: string) => reader.isOnline(tenantId, userId),
      inRoom: (tenantId: string, kind: string, id: string) => reader.inRoom(tenantId, kind, id),
    });
  }

  /** The Socket.IO namespace, for what this service does not cover. Available after `app.init()`. */
  get namespace(): RealtimeNamespace {
    return this.host.namespace;
  }

  /**
   * Sends `type` with `data` to every socket in resource room `kind`/`id` of `tenantId`.
   * @returns the envelope that was sent
   * @throws RealtimeError `INVALID_ROOM` for an invalid tenant, kind or id
   */
  emitToRoom<K extends keyof Events & string>(tenantId: string, kind: string, id: string, type: K, data: Events[K]): Envelope<Events[K], K> {
    const room = buildRoom(() => resourceRoom(tenantId, kind, id));
    return this.send(room, type, data, { tenantId, room, kind, resourceId: id });
  }

  /**
   * Sends `type` with `data` to every connection (every tab and device) of one user.
   * @throws RealtimeError `INVALID_ROOM` for an invalid tenant or user id
   */
  emitToUser<K extends keyof Events & string>(tenantId: string, userId: string, type: K, data: Events[K]): Envelope<Events[K], K> {
    const room = buildRoom(() => userRoom(tenantId, userId));
    return this.send(room, type, data, { tenantId, userId });
  }

  /**
   * Sends `type` with `data` to every connection of a tenant, and to no other tenant.
   * @throws RealtimeError `INVALID_ROOM` for an invalid tenant id
   */
  emitToTenant<K extends keyof Events & string>(tenantId: string, type: K, data: Events[K]): Envelope<Events[K], K> {
    const room = buildRoom(() => tenantRoom(tenantId));
    return this.send(room, type, data, { tenantId });
  }

  /**
   * Joins a socket to resource `kind`/`id` of its own tenant, after the kind's `authorize` hook.
   * For apps that map their own events (e.g. `join-rca`) onto rooms. Never throws: a refusal is
   * returned as `{ ok: false, error }`, ready to be used as the acknowledgement.
   */
  join(socket: RealtimeSocket, kind: string, id: unknown): Promise<JoinAck> {
    return this.membership.join(socket, kind, id);
  }

  /** Removes a socket from resource `kind`/`id` of its tenant; the counterpart of {@link join}. */
  leave(socket: RealtimeSocket, kind: string, id: unknown): Promise<LeaveAck> {
    return this.membership.leave(socket, kind, id);
  }

  /**
   * Closes every connection of a user (on every process, with a cluster adapter), telling the
   * client why first with `session-ended`.
   */
  disconnectUser(tenantId: string, userId: string, reason: string): void {
    const room = buildRoom(() => userRoom(tenantId, userId));
    const namespace = this.host.namespace;
    namespace.to(room).emit(SystemEvent.SessionEnded, { code: ErrorCode.Unauthorized, message: reason });
    namespace.in(room).disconnectSockets(true);
  }

  private send<K extends string, T>(room: string, type: K, data: T, metadata: EnvelopeMetadata): Envelope<T, K> {
    if (!isApplicationEventName(type)) {
      throw new RealtimeError(ErrorCode.InvalidPayload, `'${String(type)}' cannot be used as an event name: it is empty or reserved by Tenantcast or Socket.IO.`);
    }
    const envelope: Envelope<T, K> = { id: randomUUID(), type, data, timestamp: Date.now(), metadata };
    this.namespace.to(room).emit(type, envelope);
    return envelope;
  }
}

function buildRoom(build: () => string): string {
  try {
    return build();
  } catch (error) {
    if (error instanceof RoomNameError) throw new RealtimeError(ErrorCode.InvalidRoom, error.message, { cause: error });
    throw error;
  }
}
