import { ConnectedSocket, MessageBody, SubscribeMessage } from '@nestjs/websockets';
import { RealtimeGateway, RealtimeService, type RealtimeSocket } from '@tenantcast/nest';
import type { ClientEventAck } from '@tenantcast/protocol';
import { RCA_ROOM_KIND } from '../rcas/rca-room';
import { RcaClientEvent, type RcaClientEvents, type RcaServerEvents } from './rca-events';

/**
 * Maps the RCA app's own `join-rca` / `leave-rca` events onto the library's room handling. The
 * payload is only an RCA id: the tenant comes from the verified token and `authorize`
 * (`canViewRca`) runs before the join. Bad ids come back as `INVALID_ROOM`, refusals as
 * `FORBIDDEN`, both in the acknowledgement. `@RealtimeGateway()` puts this class on the
 * configured namespace and hands it authenticated sockets only.
 */
@RealtimeGateway()
export class RcaGateway {
  constructor(private readonly realtime: RealtimeService<RcaServerEvents>) {}

  @SubscribeMessage(RcaClientEvent.JoinRca)
  joinRca(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() rcaId: unknown): Promise<ClientEventAck<RcaClientEvents, 'join-rca'>> {
    return this.realtime.join(socket, RCA_ROOM_KIND, rcaId);
  }

  @SubscribeMessage(RcaClientEvent.LeaveRca)
  leaveRca(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() rcaId: unknown): Promise<ClientEventAck<RcaClientEvents, 'leave-rca'>> {
    return this.realtime.leave(socket, RCA_ROOM_KIND, rcaId);
  }
}
