import { UseFilters } from '@nestjs/common';
import { REALTIME_GATEWAY_METADATA } from '../realtime.constants';
import { RealtimeExceptionFilter } from '../validation/realtime-exception.filter';

/**
 * Marks an application gateway that serves the same namespace as `RealtimeModule`. Use it in
 * place of `@WebSocketGateway()`: at start-up the module gives the class the namespace, port and
 * server options it was configured with (also from `forRootAsync`), so both gateways share one
 * server and the gateway only ever sees authenticated sockets (`socket.data.user` is set).
 *
 * @example
 * ```ts
 * @RealtimeGateway()
 * export class RcaGateway {
 *   constructor(private readonly realtime: RealtimeService) {}
 *
 *   @SubscribeMessage('join-rca')
 *   join(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() rcaId: unknown) {
 *     return this.realtime.join(socket, 'rca', rcaId);
 *   }
 * }
 * ```
 */
export function RealtimeGateway(): ClassDecorator {
  return (target) => {
    Reflect.defineMetadata(REALTIME_GATEWAY_METADATA, true, target);
    UseFilters(new RealtimeExceptionFilter())(target);
  };
}
