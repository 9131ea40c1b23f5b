import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { RealtimeService } from '@tenantcast/nest';
import type { Envelope, RealtimeUser } from '@tenantcast/protocol';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles, WRITER_ROLES } from '../auth/roles';
import { RoomComponentPipe } from '../http/room-component.pipe';
import type { JsonValue, RcaServerEvents } from '../realtime/rca-events';

/** Push notifications to one user of the caller's tenant. */
@Controller('users/:userId/notifications')
export class NotificationsController {
  constructor(private readonly realtime: RealtimeService<RcaServerEvents>) {}

  /** Sends `notification` with the posted JSON to every connection (tab, device) of the user. */
  @Post()
  @Roles(...WRITER_ROLES)
  @HttpCode(HttpStatus.ACCEPTED)
  notify(
    @CurrentUser() user: RealtimeUser,
    @Param('userId', new RoomComponentPipe('userId')) userId: string,
    @Body() notification: JsonValue | undefined,
  ): Envelope<RcaServerEvents['notification'], 'notification'> {
    return this.realtime.emitToUser(user.tenantId, userId, 'notification', { notification: notification ?? null, from: user.userId });
  }
}
