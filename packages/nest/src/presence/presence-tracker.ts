import type { Logger } from '@nestjs/common';
import { parseRoomName, presenceRoom, resourceRoom, SystemEvent, type RealtimeUser } from '@tenantcast/protocol';
import type { NamespaceHost } from '../gateway/namespace-host';
import type { SystemSocket } from '../gateway/system-socket';
import { SerialQueues } from '../serial-queues';
import type { LostConnection, PresenceRoomRef, PresenceStore } from './presence-store.interface';

/** What the tracker works with. */
export interface PresenceTrackerOptions {
  store: PresenceStore;
  host: NamespaceHost;
  presenceMeta: (user: RealtimeUser) => Record<string, unknown>;
  /**
   * Whether other processes may hold sockets (a cluster adapter). Without one, an event for a
   * room with no socket here reaches nobody and is not even built.
   */
  clustered: boolean;
  logger: Logger;
}

/**
 * Keeps the presence store in step with this process's sockets and turns its transitions into
 * `user-joined` / `user-left` / `presence-online` / `presence-offline` events.
 *
 * Operations of one connection run one after another, so a disconnect that arrives while the
 * connect is still being written cannot be applied first and leave a ghost entry behind. A store
 * failure (Redis away) is logged and degrades presence; it never rejects a connection or a join.
 */
export class PresenceTracker {
  private readonly queues = new SerialQueues();
  private readonly store: PresenceStore;
  private readonly host: NamespaceHost;
  private readonly presenceMeta: (user: RealtimeUser) => Record<string, unknown>;
  private readonly clustered: boolean;
  private readonly logger: Logger;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(options: PresenceTrackerOptions) {
    ({ store: this.store, host: this.host, presenceMeta: this.presenceMeta, clustered: this.clustered, logger: this.logger } = options);
    this.store.onConnectionsLost?.((lost) => this.restoreLost(lost));
  }

  /** The metadata presence shares for `user`. */
  metaOf(user: RealtimeUser): Record<string, unknown> {
    return this.presenceMeta(user);
  }

  /** Records a new connection; announces the user to presence subscribers on its first one. */
  connected(socket: SystemSocket): Promise<void> {
    const { user } = socket.data;
    const meta = this.metaOf(user);
    return this.enqueue(socket.id, 'connect', async () => {
      const { cameOnline } = await this.store.addConnection({ tenantId: user.tenantId, userId: user.userId, connectionId: socket.id, meta });
      if (cameOnline) this.announcePresence(user.tenantId, user.userId, meta, SystemEvent.PresenceOnline);
    });
  }

  /**
   * Records the resource rooms a socket is in (a recovered connection, whose rooms Socket.IO
   * restored) and announces the user in each room it enters.
   */
  restoredRooms(socket: SystemSocket): Promise<void> {
    return this.enqueue(socket.id, 'restore rooms', () => this.recordRooms(socket)).then(() => undefined);
  }

  /** Removes a closed connection and announces what its departure changed. */
  disconnected(socket: SystemSocket): Promise<void> {
    const { user } = socket.data;
    return this.enqueue(socket.id, 'disconnect', async () => {
      const result = await this.store.removeConnection(user.tenantId, user.userId, socket.id);
      this.announceDeparture(user.tenantId, user.userId, result.meta, result.roomsLeft, result.wentOffline);
    });
  }

  /** Records a room join; resolves whether this was the user's first connection in the room. */
  async joinedRoom(socket: SystemSocket, room: PresenceRoomRef): Promise<boolean> {
    const { user } = socket.data;
    const result = await this.enqueue(socket.id, 'join', () => this.store.joinRoom(user.tenantId, user.userId, socket.id, room));
    return result?.entered ?? false;
  }

  /** Records a room leave; resolves whether this was the user's last connection in the room. */
  async leftRoom(socket: SystemSocket, room: PresenceRoomRef): Promise<boolean> {
    const { user } = socket.data;
    const result = await this.enqueue(socket.id, 'leave', () => this.store.leaveRoom(user.tenantId, user.userId, socket.id, room));
    return result?.left ?? false;
  }

  /**
   * Sweeps expired connections (of processes that died) every `store.sweepIntervalMs`, if the
   * store has expiring entries, and announces the departures; only one process reports each one.
   */
  startSweeping(): void {
    const intervalMs = this.store.sweepIntervalMs;
    if (intervalMs === undefined || this.sweepTimer !== undefined) return;
    this.sweepTimer = setInterval(() => void this.sweepOnce(), intervalMs).unref();
  }

  /** Runs one sweep now. */
  async sweepOnce(): Promise<void> {
    try {
      for (const expired of await this.store.sweepExpired()) {
        this.announceDeparture(expired.tenantId, expired.userId, expired.meta, expired.roomsLeft, expired.wentOffline);
      }
    } catch (error) {
      this.logFailure('sweepExpired', error);
    }
  }

  /** Stops sweeping. */
  stop(): void {
    clearInterval(this.sweepTimer);
    this.sweepTimer = undefined;
  }

  /** Resolves once every queued presence operation has settled. */
  drain(): Promise<void> {
    return this.queues.drain();
  }

  /**
   * Adds back connections the store lost (swept while this process was frozen, or gone with a
   * Redis restart) whose sockets are still open here, with their rooms, and announces them as for
   * a new connection. A socket closed meanwhile is left out: its disconnect is queued before.
   */
  private restoreLost(lost: LostConnection[]): void {
    // After a freeze, the closes that clients sent meanwhile wait in the kernel. They are read in
    // the same loop iteration as the refresh's reply, and a socket is only marked closed in that
    // iteration's close callbacks; looking one iteration later sees them.
    setImmediate(() => setTimeout(() => this.restoreOpen(lost), 0));
  }

  private restoreOpen(lost: LostConnection[]): void {
    if (!this.host.ready) return;
    for (const { connectionId } of lost) {
      const socket = this.host.namespace.sockets.get(connectionId);
      if (!socket) continue;
      void this.enqueue(socket.id, 'restore', async () => {
        if (!socket.connected) return;
        const { user } = socket.data;
        const meta = this.metaOf(user);
        const { cameOnline } = await this.store.addConnection({ tenantId: user.tenantId, userId: user.userId, connectionId: socket.id, meta });
        if (cameOnline) this.announcePresence(user.tenantId, user.userId, meta, SystemEvent.PresenceOnline);
        await this.recordRooms(socket);
      });
    }
    this.logger.warn(`Presence lost ${lost.length} connection(s) of this process (swept while it stalled, or Redis lost its data); adding back the open ones.`);
  }

  private async recordRooms(socket: SystemSocket): Promise<void> {
    const { user } = socket.data;
    for (const room of socket.rooms) {
      const parsed = parseResourceRoom(room);
      if (!parsed || parsed.tenantId !== user.tenantId) continue;
      const ref = { kind: parsed.kind, id: parsed.id };
      const { entered } = await this.store.joinRoom(user.tenantId, user.userId, socket.id, ref);
      if (entered && this.hasAudience(room)) {
        socket.to(room).emit(SystemEvent.UserJoined, { room, ...ref, userId: user.userId, meta: this.metaOf(user), timestamp: Date.now() });
      }
    }
  }

  /** Whether an event to `room` may reach anyone: always with a cluster adapter, which cannot tell. */
  hasAudience(room: string): boolean {
    return this.host.ready && (this.clustered || this.host.namespace.adapter.rooms.has(room));
  }

  private announceDeparture(tenantId: string, userId: string, meta: Record<string, unknown>, roomsLeft: PresenceRoomRef[], wentOffline: boolean): void {
    if (!this.host.ready) return;
    const timestamp = Date.now();
    for (const { kind, id } of roomsLeft) {
      const room = resourceRoom(tenantId, kind, id);
      if (!this.hasAudience(room)) continue;
      this.host.namespace.to(room).emit(SystemEvent.UserLeft, { room, kind, id, userId, meta, timestamp });
    }
    if (wentOffline) this.announcePresence(tenantId, userId, meta, SystemEvent.PresenceOffline);
  }

  private announcePresence(tenantId: string, userId: string, meta: Record<string, unknown>, event: typeof SystemEvent.PresenceOnline | typeof SystemEvent.PresenceOffline): void {
    const room = presenceRoom(tenantId);
    if (!this.hasAudience(room)) return;
    this.host.namespace.to(room).emit(event, { tenantId, userId, meta, timestamp: Date.now() });
  }

  private enqueue<T>(connectionId: string, operation: string, run: () => Promise<T>): Promise<T | undefined> {
    return this.queues.run(connectionId, run).catch((error: unknown) => {
      this.logFailure(operation, error);
      return undefined;
    });
  }

  private logFailure(operation: string, error: unknown): void {
    this.logger.warn(`Presence ${operation} failed (${this.store.name} store); presence is degraded: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseResourceRoom(room: string): { tenantId: string; kind: string; id: string } | undefined {
  try {
    const parsed = parseRoomName(room);
    return parsed.type === 'resource' ? parsed : undefined;
  } catch {
    // The socket's own id room, or an app's room outside the naming scheme.
    return undefined;
  }
}
