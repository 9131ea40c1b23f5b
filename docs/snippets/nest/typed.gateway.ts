// #region typed-gateway
import { ConnectedSocket, MessageBody, SubscribeMessage } from '@nestjs/websockets';
import { RealtimeGateway, RealtimeService } from '@tenantcast/nest';
import type { ClientEventAck, ClientEventPayload, ClientToServerEvents, RealtimeSocket, ServerToClientEvents } from '@tenantcast/nest';
import type { RcaClientEvents, RcaServerEvents } from '@acme/rca-contract';

/** A socket typed from both maps, as Socket.IO's own `Socket<Listen, Emit>`. */
type RcaSocket = RealtimeSocket<ClientToServerEvents<RcaClientEvents>, ServerToClientEvents<RcaServerEvents>>;

@RealtimeGateway()
export class CommentGateway {
  constructor(private readonly realtime: RealtimeService<RcaServerEvents>) {}

  @SubscribeMessage('add-comment')
  add(
    @ConnectedSocket() socket: RcaSocket,
    @MessageBody() body: ClientEventPayload<RcaClientEvents, 'add-comment'>,
  ): ClientEventAck<RcaClientEvents, 'add-comment'> {
    const { tenantId, userId } = socket.data.user;
    const commentId = `${body.rcaId}-${Date.now()}`;
    this.realtime.emitToRoom(tenantId, 'rca', body.rcaId, 'comment-added', { rcaId: body.rcaId, commentId, text: body.text, author: userId });
    return { ok: true, commentId };
  }
}
// #endregion typed-gateway
