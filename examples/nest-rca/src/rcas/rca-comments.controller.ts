import { Body, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { RealtimeService } from '@tenantcast/nest';
import type { Envelope, RealtimeUser } from '@tenantcast/protocol';
import { randomUUID } from 'node:crypto';
import { CurrentUser } from '../auth/current-user.decorator';
import { Roles, WRITER_ROLES } from '../auth/roles';
import { RoomComponentPipe } from '../http/room-component.pipe';
import type { RcaServerEvents } from '../realtime/rca-events';
import { assertCanViewRca } from './rca-access.policy';
import { parseCommentRequest } from './comment-request';
import { RCA_ROOM_KIND } from './rca-room';

/** Comments on one RCA of the caller's tenant. */
@Controller('rcas/:id/comments')
export class RcaCommentsController {
  constructor(private readonly realtime: RealtimeService<RcaServerEvents>) {}

  /** Sends `comment-added` to everyone in the RCA's room; answers the envelope. */
  @Post()
  @Roles(...WRITER_ROLES)
  @HttpCode(HttpStatus.ACCEPTED)
  add(
    @CurrentUser() user: RealtimeUser,
    @Param('id', new RoomComponentPipe('id')) rcaId: string,
    @Body() body: unknown,
  ): Envelope<RcaServerEvents['comment-added'], 'comment-added'> {
    assertCanViewRca(user, rcaId);
    const text = parseCommentRequest(body);
    return this.realtime.emitToRoom(user.tenantId, RCA_ROOM_KIND, rcaId, 'comment-added', { rcaId, commentId: randomUUID(), text, author: user.userId });
  }
}
