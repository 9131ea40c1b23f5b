import type { Logger } from '@nestjs/common';
import { presenceRoom, resourceRoom, SystemEvent, type RealtimeUser } from '@tenantcast/protocol';
import type { NamespaceHost } from '../gateway/namespace-host';
import type { SystemSocket } from '../gateway/system-socket';
import { SerialQueues } from '../serial-queues';
import type { PresenceRoomRef, PresenceStore } from './presence-store.interface';

/** What the tracker works with. */
export interface PresenceTrackerOptions {
  store: PresenceStore;
  host: NamespaceHost;
  presenceMeta: (user: RealtimeUser) => Record<string, unknown>;
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
  private readonly logger: Logger;
  private sweepTimer: NodeJS.Timeout | undefined;

  constructor(options: PresenceTrackerOptions) {
    ({ store: this.store, host: this.host, presenceMeta: this.presenceMeta, logger: this.logger } = options);
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

  private announceDeparture(tenantId: string, userId: string, meta: Record<string, unknown>, roomsLeft: PresenceRoomRef[], wentOffline: boolean): void {
    if (!this.host.ready) return;
    const timestamp = Date.now();
    for (const { kind, id } of roomsLeft) {
      const room = resourceRoom(tenantId, kind, id);
      this.host.namespace.to(room).emit(SystemEvent.UserLeft, { room, kind, id, userId, meta, timestamp });
    }
    if (wentOffline) this.announcePresence(tenantId, userId, meta, SystemEvent.PresenceOffline);
  }

  private announcePresence(tenantId: string, userId: string, meta: Record<string, unknown>, event: typeof SystemEvent.PresenceOnline | typeof SystemEvent.PresenceOffline): void {
    if (!this.host.ready) return;
    this.host.namespace.to(presenceRoom(tenantId)).emit(event, { tenantId, userId, meta, timestamp: Date.now() });
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
