import { Inject, Injectable } from '@nestjs/common';
import type { JoinAck, LeaveAck } from '@tenantcast/protocol';
import type { BroadcastTarget } from './broadcast/broadcast-target';
import { EnvelopeBroadcaster, type PayloadLimits } from './broadcast/envelope-broadcaster';
import { membershipCommand } from './broadcast/membership-command';
import type { NamespaceHost } from './gateway/namespace-host';
import type { RealtimeObserver } from './observability/realtime-observer';
import type { PresenceQueries, PresenceReader } from './presence/presence-reader';
import { CLUSTER_MEMBERSHIP, NAMESPACE_HOST, PAYLOAD_LIMITS, PRESENCE_READER, REALTIME_OBSERVER, ROOM_MEMBERSHIP } from './realtime-internal.constants';
import type { RealtimeNamespace, RealtimeSocket } from './realtime-socket';
import type { ClusterMembership } from './rooms/cluster-membership';
import type { RoomMembership } from './rooms/room-membership';
import { SharedAcrossBuilds } from './shared-across-builds';

/**
 * Sends application events to rooms, users and tenants in the standard {@link Envelope}, on every
 * process the adapter reaches; joins sockets to rooms for apps that map their own events; puts
 * users into rooms from the server; and answers presence queries for the whole cluster.
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
export class RealtimeService<Events extends Record<string, any> = Record<string, unknown>> extends EnvelopeBroadcaster<Events> {
  /**
   * Presence queries over the configured store, for the whole cluster with a shared store. While
   * the store is unavailable (Redis away) they reject with a `RealtimeError` `INTERNAL`, never
   * answer "nobody online".
   */
  readonly presence: PresenceQueries;

  constructor(
    @Inject(NAMESPACE_HOST) private readonly host: NamespaceHost,
    @Inject(ROOM_MEMBERSHIP) private readonly membership: RoomMembership,
    @Inject(PRESENCE_READER) reader: PresenceReader,
    @Inject(CLUSTER_MEMBERSHIP) private readonly cluster: ClusterMembership,
    @Inject(PAYLOAD_LIMITS) payloadLimits: PayloadLimits,
    @Inject(REALTIME_OBSERVER) observer: RealtimeObserver,
  ) {
    super(() => host.namespace as unknown as BroadcastTarget, payloadLimits, observer.measuring ? observer : undefined);
    this.presence = Object.freeze({
      online: (tenantId: string) => reader.online(tenantId),
      count: (tenantId: string) => reader.count(tenantId),
      connections: (tenantId: string) => reader.connections(tenantId),
      isOnline: (tenantId: string, userId: string) => reader.isOnline(tenantId, userId),
      inRoom: (tenantId: string, kind: string, id: string) => reader.inRoom(tenantId, kind, id),
    });
  }

  /** The Socket.IO namespace, for what this service does not cover. Available after `app.init()`. */
  get namespace(): RealtimeNamespace {
    return this.host.namespace;
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
   * Puts every connection of a user, on every process, into resource room `kind`/`id`: the server
   * decides, so the kind's `authorize` hook is not asked. Presence, `room-joined` and
   * `user-joined` follow exactly as for a client's join. Connections the user opens later are not
   * joined: the app's own join logic (or the client) takes over from there.
   *
   * @example
   * ```ts
   * await this.realtime.joinUser(tenantId, assigneeId, 'rca', rcaId); // the assignee now receives the RCA
   * ```
   * @returns how many of the user's connections are now in the room
   * @throws RealtimeError `INVALID_ROOM` for an invalid tenant, user, kind or id; `INTERNAL` when
   * some process did not answer within `adapter.requestsTimeoutMs` (the others applied it)
   */
  async joinUser(tenantId: string, userId: string, kind: string, id: string): Promise<number> {
    return this.cluster.run(membershipCommand('join', tenantId, userId, kind, id));
  }

  /**
   * Takes every connection of a user, on every process, out of resource room `kind`/`id`, with
   * `room-left` and `user-left` as for a client's leave; the counterpart of {@link joinUser}.
   * @returns how many of the user's connections were handled
   * @throws RealtimeError as {@link joinUser}
   */
  async leaveUser(tenantId: string, userId: string, kind: string, id: string): Promise<number> {
    return this.cluster.run(membershipCommand('leave', tenantId, userId, kind, id));
  }
}
