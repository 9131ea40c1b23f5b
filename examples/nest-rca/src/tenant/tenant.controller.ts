import { Body, Controller, Get, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { RealtimeService } from '@tenantcast/nest';
import type { Envelope, PresenceMember, RealtimeUser } from '@tenantcast/protocol';
import { CurrentUser } from '../auth/current-user.decorator';
import { BROADCASTER_ROLES, Roles } from '../auth/roles';
import type { JsonValue, RcaServerEvents } from '../realtime/rca-events';

/** Tenant-wide routes: the caller's tenant only, taken from the token. */
@Controller()
export class TenantController {
  constructor(private readonly realtime: RealtimeService<RcaServerEvents>) {}

  /** Sends `announcement` with the posted JSON to every connection of the tenant. */
  @Post('tenant/broadcasts')
  @Roles(...BROADCASTER_ROLES)
  @HttpCode(HttpStatus.ACCEPTED)
  broadcast(@CurrentUser() user: RealtimeUser, @Body() announcement: JsonValue | undefined): Envelope<RcaServerEvents['announcement'], 'announcement'> {
    return this.realtime.emitToTenant(user.tenantId, 'announcement', { announcement: announcement ?? null, from: user.userId });
  }

  /** Who is online in the tenant, one entry per user with its number of connections. */
  @Get('presence')
  async presence(@CurrentUser() user: RealtimeUser): Promise<{ tenantId: string; users: PresenceMember[] }> {
    return { tenantId: user.tenantId, users: await this.realtime.presence.online(user.tenantId) };
  }
}
