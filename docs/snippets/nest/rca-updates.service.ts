// #region service
import { Injectable } from '@nestjs/common';
import { RealtimeService, type RealtimeUser } from '@tenantcast/nest';
import type { RcaServerEvents, RcaStatus } from '@acme/rca-contract';

@Injectable()
export class RcaUpdates {
  // The event map checks every name and payload below at compile time.
  constructor(private readonly realtime: RealtimeService<RcaServerEvents>) {}

  statusChanged(by: RealtimeUser, rcaId: string, status: RcaStatus): void {
    // Everyone viewing RCA `rcaId` in `by`'s tenant, on every process.
    this.realtime.emitToRoom(by.tenantId, 'rca', rcaId, 'rca-updated', { rcaId, status, updatedBy: by.userId });
  }

  async assigned(by: RealtimeUser, assigneeId: string, rcaId: string): Promise<void> {
    // Every tab and device of one user.
    this.realtime.emitToUser(by.tenantId, assigneeId, 'notification', { title: `You were assigned RCA ${rcaId}`, rcaId });
    // The server decides: the assignee's open connections join the RCA's room, no `authorize` asked.
    await this.realtime.joinUser(by.tenantId, assigneeId, 'rca', rcaId);
  }

  maintenance(tenantId: string): void {
    // Every connection of one tenant, and of no other: the `tenant:{tenantId}` room.
    this.realtime.emitToTenant(tenantId, 'announcement', { text: 'Maintenance at 18:00' });
  }
}
// #endregion service
