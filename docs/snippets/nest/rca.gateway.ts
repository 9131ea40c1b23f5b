// #region gateway
import { ConnectedSocket, MessageBody, SubscribeMessage } from '@nestjs/websockets';
import { RealtimeGateway, RealtimeService } from '@tenantcast/nest';
// A type in a decorated signature needs `import type` under isolatedModules + emitDecoratorMetadata.
import type { JoinAck, LeaveAck, RealtimeSocket } from '@tenantcast/nest';
import type { RcaServerEvents } from '@acme/rca-contract';

@RealtimeGateway()
export class RcaGateway {
  constructor(private readonly realtime: RealtimeService<RcaServerEvents>) {}

  @SubscribeMessage('join-rca')
  join(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() rcaId: unknown): Promise<JoinAck> {
    // The room is built from the token's tenant; `authorize` of kind `rca` runs first.
    return this.realtime.join(socket, 'rca', rcaId);
  }

  @SubscribeMessage('leave-rca')
  leave(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() rcaId: unknown): Promise<LeaveAck> {
    return this.realtime.leave(socket, 'rca', rcaId);
  }
}
// #endregion gateway
