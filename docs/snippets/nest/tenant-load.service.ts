import { Injectable } from '@nestjs/common';
import { RealtimeService } from '@tenantcast/nest';

@Injectable()
export class TenantLoad {
  constructor(private readonly realtime: RealtimeService) {}

  // #region counts
  async of(tenantId: string): Promise<{ connections: number; users: number }> {
    const connections = await this.realtime.presence.connections(tenantId); // open connections (tabs, devices)
    const users = await this.realtime.presence.count(tenantId); // users online
    return { connections, users };
  }
  // #endregion counts
}
