import { Injectable } from '@nestjs/common';
import { RealtimeService, type PresenceMember } from '@tenantcast/nest';

@Injectable()
export class WhoIsOnline {
  constructor(private readonly realtime: RealtimeService) {}

  // #region queries
  async summary(tenantId: string, rcaId: string): Promise<{ online: PresenceMember[]; viewing: PresenceMember[]; tabs: number }> {
    const online = await this.realtime.presence.online(tenantId); // [{ userId, connections, meta, since }]
    const viewing = await this.realtime.presence.inRoom(tenantId, 'rca', rcaId);
    const tabs = await this.realtime.presence.connections(tenantId); // all connections of the tenant's users
    return { online, viewing, tabs };
  }

  isAliceHere(tenantId: string): Promise<boolean> {
    return this.realtime.presence.isOnline(tenantId, 'alice');
  }
  // #endregion queries
}
