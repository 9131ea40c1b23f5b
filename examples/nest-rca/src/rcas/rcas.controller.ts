import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { RealtimeService } from '@tenantcast/nest';
import { ErrorCode, type Envelope, type PresenceMember, type RealtimeUser } from '@tenantcast/protocol';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles, WRITER_ROLES } from '../auth/roles';
import { apiError } from '../http/api-error';
import { RoomComponentPipe } from '../http/room-component.pipe';
import type { JsonValue, RcaServerEvents } from '../realtime/rca-events';
import { canViewRca } from './rca-access.policy';
import { RCA_ROOM_KIND } from './rca-room';

/** HTTP routes of one RCA, in the caller's tenant. */
@Controller('rcas/:id')
export class RcasController {
  constructor(private readonly realtime: RealtimeService<RcaServerEvents>) {}

  /** Sends `rca-updated` with the posted JSON to everyone in the RCA's room; answers the envelope. */
  @Post('updates')
  @Roles(...WRITER_ROLES)
  @HttpCode(HttpStatus.ACCEPTED)
  postUpdate(
    @CurrentUser() user: RealtimeUser,
    @Param('id', new RoomComponentPipe('id')) rcaId: string,
    @Body() update: JsonValue | undefined,
  ): Envelope<RcaServerEvents['rca-updated'], 'rca-updated'> {
    assertCanView(user, rcaId);
    return this.realtime.emitToRoom(user.tenantId, RCA_ROOM_KIND, rcaId, 'rca-updated', { rcaId, update: update ?? null, updatedBy: user.userId });
  }

  /** Who is in the RCA's room now. */
  @Get('presence')
  async presence(@CurrentUser() user: RealtimeUser, @Param('id', new RoomComponentPipe('id')) rcaId: string): Promise<{ rcaId: string; members: PresenceMember[] }> {
    assertCanView(user, rcaId);
    return { rcaId, members: await this.realtime.presence.inRoom(user.tenantId, RCA_ROOM_KIND, rcaId) };
  }
}

function assertCanView(user: RealtimeUser, rcaId: string): void {
  if (!canViewRca(user, rcaId)) throw apiError(HttpStatus.FORBIDDEN, ErrorCode.Forbidden, `You may not access RCA '${rcaId}'.`);
}
