import { ConnectedSocket, MessageBody, SubscribeMessage } from '@nestjs/websockets';
import { RealtimeGateway, RealtimeService, type JoinAck, type RealtimeSocket, type RealtimeUser } from '@tenantcast/nest';
import type { AppServerEvents } from './app-events.js';

/** An app gateway on the module's namespace: it only ever sees authenticated sockets. */
@RealtimeGateway()
export class RcaGateway {
  constructor(private readonly realtime: RealtimeService<AppServerEvents>) {}

  @SubscribeMessage('whoami')
  whoami(@ConnectedSocket() socket: RealtimeSocket): RealtimeUser {
    return socket.data.user;
  }

  @SubscribeMessage('join-rca')
  joinRca(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() rcaId: unknown): Promise<JoinAck> {
    return this.realtime.join(socket, 'rca', rcaId);
  }
}
