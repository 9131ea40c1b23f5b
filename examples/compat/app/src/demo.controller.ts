import { Controller, Get, Param, Post } from '@nestjs/common';
import { RealtimeService, type Envelope, type PresenceMember } from '@tenantcast/nest';
import type { AppServerEvents } from './app-events.js';

/** HTTP endpoints that drive `RealtimeService` the way an app's own services would. */
@Controller('demo/tenants/:tenant')
export class DemoController {
  constructor(private readonly realtime: RealtimeService<AppServerEvents>) {}

  @Post('announce')
  announce(@Param('tenant') tenant: string): Envelope<AppServerEvents['announcement']> {
    return this.realtime.emitToTenant(tenant, 'announcement', { text: `hello ${tenant}` });
  }

  @Post('users/:user/notify')
  notify(@Param('tenant') tenant: string, @Param('user') user: string): Envelope<AppServerEvents['notification']> {
    return this.realtime.emitToUser(tenant, user, 'notification', { title: `for ${user}` });
  }

  @Post('rcas/:id/close')
  close(@Param('tenant') tenant: string, @Param('id') id: string): Envelope<AppServerEvents['rca-updated']> {
    return this.realtime.emitToRoom(tenant, 'rca', id, 'rca-updated', { rcaId: id, status: 'closed' });
  }

  @Get('online')
  online(@Param('tenant') tenant: string): Promise<PresenceMember[]> {
    return this.realtime.presence.online(tenant);
  }
}
