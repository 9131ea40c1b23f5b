import type { PresenceMember } from '@tenantcast/protocol';
import type {
  AddConnectionResult,
  ExpiredPresence,
  JoinRoomResult,
  LeaveRoomResult,
  LostConnection,
  PresenceConnection,
  PresenceRoomRef,
  PresenceStore,
  RemoveConnectionResult,
} from '../presence/presence-store.interface';
import type { RealtimeMetrics } from './realtime-metrics';

/**
 * A presence store that times every operation of the store it wraps and counts its failures,
 * then answers (or fails) exactly as that store did. The module's presence parts use it while
 * metrics are on; the store itself, whichever it is, stays untouched.
 */
export class InstrumentedPresenceStore implements PresenceStore {
  readonly name: string;
  readonly sweepIntervalMs: number | undefined;
  readonly onConnectionsLost?: (listener: (connections: LostConnection[]) => void) => void;

  constructor(
    private readonly store: PresenceStore,
    private readonly metrics: RealtimeMetrics,
  ) {
    this.name = store.name;
    this.sweepIntervalMs = store.sweepIntervalMs;
    // Only stores whose entries can vanish have the hook; the tracker asks whether it exists.
    if (store.onConnectionsLost) this.onConnectionsLost = (listener) => store.onConnectionsLost?.(listener);
  }

  addConnection(connection: PresenceConnection): Promise<AddConnectionResult> {
    return this.measure('addConnection', () => this.store.addConnection(connection));
  }

  removeConnection(tenantId: string, userId: string, connectionId: string): Promise<RemoveConnectionResult> {
    return this.measure('removeConnection', () => this.store.removeConnection(tenantId, userId, connectionId));
  }

  joinRoom(tenantId: string, userId: string, connectionId: string, room: PresenceRoomRef): Promise<JoinRoomResult> {
    return this.measure('joinRoom', () => this.store.joinRoom(tenantId, userId, connectionId, room));
  }

  leaveRoom(tenantId: string, userId: string, connectionId: string, room: PresenceRoomRef): Promise<LeaveRoomResult> {
    return this.measure('leaveRoom', () => this.store.leaveRoom(tenantId, userId, connectionId, room));
  }

  online(tenantId: string): Promise<PresenceMember[]> {
    return this.measure('online', () => this.store.online(tenantId));
  }

  count(tenantId: string): Promise<number> {
    return this.measure('count', () => this.store.count(tenantId));
  }

  isOnline(tenantId: string, userId: string): Promise<boolean> {
    return this.measure('isOnline', () => this.store.isOnline(tenantId, userId));
  }

  inRoom(tenantId: string, kind: string, id: string): Promise<PresenceMember[]> {
    return this.measure('inRoom', () => this.store.inRoom(tenantId, kind, id));
  }

  sweepExpired(): Promise<ExpiredPresence[]> {
    return this.measure('sweepExpired', () => this.store.sweepExpired());
  }

  isHealthy(): Promise<boolean> {
    return this.measure('isHealthy', () => this.store.isHealthy());
  }

  close(): Promise<void> {
    return this.store.close();
  }

  private async measure<T>(operation: string, run: () => Promise<T>): Promise<T> {
    const startedAt = performance.now();
    try {
      const result = await run();
      this.metrics.presenceOperation(operation, this.name, startedAt, false);
      return result;
    } catch (error) {
      this.metrics.presenceOperation(operation, this.name, startedAt, true);
      throw error;
    }
  }
}
