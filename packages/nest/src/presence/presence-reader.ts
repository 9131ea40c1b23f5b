import type { Logger } from '@nestjs/common';
import { ErrorCode, type PresenceMember } from '@tenantcast/protocol';
import { RealtimeError } from '../errors/realtime.error';
import type { PresenceRoomRef, PresenceStore } from './presence-store.interface';

/** Presence queries, scoped by tenant. */
export interface PresenceQueries {
  /** The users online in a tenant, each with its number of connections. */
  online(tenantId: string): Promise<PresenceMember[]>;
  /** How many users are online in a tenant. */
  count(tenantId: string): Promise<number>;
  /** How many connections (tabs, devices) the tenant's online users have, together. */
  connections(tenantId: string): Promise<number>;
  /** Whether a user has at least one live connection. */
  isOnline(tenantId: string, userId: string): Promise<boolean>;
  /** The users in a resource room. */
  inRoom(tenantId: string, kind: string, id: string): Promise<PresenceMember[]>;
}

/**
 * Every presence read goes through here, with one policy for a store that fails (Redis away):
 *
 * - the app's queries ({@link PresenceQueries}) reject with a `RealtimeError` `INTERNAL` that
 *   says presence is unavailable, so the app never mistakes an outage for "nobody online";
 * - snapshots sent to clients (the members in a `join` acknowledgement, the list a presence
 *   subscription starts from) are empty instead, logged once per failure: a join or a
 *   subscription never fails because presence is degraded, and the events that follow still flow.
 */
export class PresenceReader implements PresenceQueries {
  constructor(
    private readonly store: PresenceStore,
    private readonly logger: Logger,
  ) {}

  /** The store's name, for health reports. */
  get storeName(): string {
    return this.store.name;
  }

  online(tenantId: string): Promise<PresenceMember[]> {
    return this.query('online', () => this.store.online(tenantId));
  }

  count(tenantId: string): Promise<number> {
    return this.query('count', () => this.store.count(tenantId));
  }

  connections(tenantId: string): Promise<number> {
    return this.query('connections', async () => (await this.store.online(tenantId)).reduce((sum, member) => sum + member.connections, 0));
  }

  isOnline(tenantId: string, userId: string): Promise<boolean> {
    return this.query('isOnline', () => this.store.isOnline(tenantId, userId));
  }

  inRoom(tenantId: string, kind: string, id: string): Promise<PresenceMember[]> {
    return this.query('inRoom', () => this.store.inRoom(tenantId, kind, id));
  }

  /** The tenant's online users for a client's snapshot; empty while the store is unavailable. */
  tenantSnapshot(tenantId: string): Promise<PresenceMember[]> {
    return this.snapshot('online', () => this.store.online(tenantId));
  }

  /** A room's members for a client's snapshot; empty while the store is unavailable. */
  roomSnapshot(tenantId: string, room: PresenceRoomRef): Promise<PresenceMember[]> {
    return this.snapshot('inRoom', () => this.store.inRoom(tenantId, room.kind, room.id));
  }

  /** Whether the store answers; never rejects. */
  isHealthy(): Promise<boolean> {
    return this.store.isHealthy().catch(() => false);
  }

  private async query<T>(operation: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      throw new RealtimeError(ErrorCode.Internal, `Presence is unavailable (${this.store.name} store, ${operation}): ${describe(error)}`, { cause: error });
    }
  }

  private async snapshot(operation: string, read: () => Promise<PresenceMember[]>): Promise<PresenceMember[]> {
    try {
      return await read();
    } catch (error) {
      this.logger.warn(`Presence ${operation} failed (${this.store.name} store); sent an empty list: ${describe(error)}`);
      return [];
    }
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
