import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { RealtimeService } from '@tenantcast/nest';
import type { Envelope, PresenceMember, RealtimeUser } from '@tenantcast/protocol';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles, WRITER_ROLES } from '../auth/roles';
import { RoomComponentPipe } from '../http/room-component.pipe';
import type { JsonValue, RcaServerEvents } from '../realtime/rca-events';
import { assertCanViewRca } from './rca-access.policy';
import { RCA_ROOM_KIND } from './rca-room';
import { RcaStatusService } from './rca-status.service';

/** HTTP routes of one RCA, in the caller's tenant. */
@Controller('rcas/:id')
export class RcasController {
  constructor(
    private readonly realtime: RealtimeService<RcaServerEvents>,
    private readonly statuses: RcaStatusService,
  ) {}

  /**
   * Sends `rca-updated` with the posted JSON to everyone in the RCA's room; answers the envelope.
   * An update whose `status` is one of the RCA statuses also moves the RCA there (see RcaStatusService).
   */
  @Post('updates')
  @Roles(...WRITER_ROLES)
  @HttpCode(HttpStatus.ACCEPTED)
  postUpdate(
    @CurrentUser() user: RealtimeUser,
    @Param('id', new RoomComponentPipe('id')) rcaId: string,
    @Body() update: JsonValue | undefined,
  ): Envelope<RcaServerEvents['rca-updated'], 'rca-updated'> {
    assertCanViewRca(user, rcaId);
    const envelope = this.realtime.emitToRoom(user.tenantId, RCA_ROOM_KIND, rcaId, 'rca-updated', { rcaId, update: update ?? null, updatedBy: user.userId });
    this.statuses.apply(user, rcaId, update);
    return envelope;
  }

  /** Who is in the RCA's room now. */
  @Get('presence')
  async presence(@CurrentUser() user: RealtimeUser, @Param('id', new RoomComponentPipe('id')) rcaId: string): Promise<{ rcaId: string; members: PresenceMember[] }> {
    assertCanViewRca(user, rcaId);
    return { rcaId, members: await this.realtime.presence.inRoom(user.tenantId, RCA_ROOM_KIND, rcaId) };
  }
}
