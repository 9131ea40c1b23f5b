import { IoAdapter } from '@nestjs/platform-socket.io';
import type { MessageMappingProperties } from '@nestjs/websockets';
import type { Observable } from 'rxjs';
import { SharedAcrossBuilds } from '../shared-across-builds';

/** The socket type of the installed `@nestjs/platform-socket.io`, which may bring its own socket.io. */
type Socket = Parameters<IoAdapter['bindMessageHandlers']>[0];

/**
 * Nest's Socket.IO adapter, with a cheaper way of handing each socket's events to the gateways'
 * `@SubscribeMessage` handlers.
 *
 * Nest's own `IoAdapter` builds, for every socket and every handler, an RxJS pipeline with a
 * listener of its own (`fromEvent` → `mergeMap` → `takeUntil(disconnect)`): with ten handlers
 * that is tens of kilobytes per connection, more than Socket.IO's own state, and much of the
 * connect cost. This adapter gives each handler a plain listener on the socket, and runs RxJS
 * only for the event at hand. What a handler sees is the same: the
 * payload (or the arguments before the acknowledgement), the acknowledgement called with the
 * handler's result unless the handler took it with `@Ack()`, `{ event, data }` results emitted
 * back, guards, pipes, interceptors and exception filters applied by Nest around the handler.
 * One difference: a handler whose result stream fails no longer stops that handler for the rest of
 * the socket's life; the next event is handled again.
 *
 * `RealtimeModule` installs it when the app has set no WebSocket adapter of its own; an app that
 * sets one (`app.useWebSocketAdapter(...)`) keeps it, and may extend this class instead.
 */
@SharedAcrossBuilds('RealtimeIoAdapter')
export class RealtimeIoAdapter extends IoAdapter {
  /**
   * @param appOrHttpServer the app (or its HTTP server) whose server Socket.IO shares, as for `IoAdapter`
   * @param httpServerSource where to find the HTTP server later, when none was given yet
   */
  constructor(appOrHttpServer?: ConstructorParameters<typeof IoAdapter>[0], httpServerSource?: () => unknown) {
    super(appOrHttpServer);
    if (appOrHttpServer === undefined && httpServerSource) {
      // Read when Nest creates the Socket.IO server, at app.init(): the HTTP server exists by then.
      // An accessor rather than an override of createIOServer, whose signature differs between
      // NestJS majors.
      Object.defineProperty(this, 'httpServer', { get: httpServerSource, configurable: true });
    }
  }

  override bindMessageHandlers(socket: Socket, handlers: MessageMappingProperties[], transform: (data: unknown) => Observable<unknown>): void {
    for (const handler of handlers) {
      // A listener per handler, not one catch-all: Socket.IO runs `onAny` listeners before the
      // socket's middlewares (`socket.use`: rate limits, payload checks), plain ones after them.
      socket.on(handler.message, (...args: unknown[]) => {
        // As rxjs `fromEvent` hands them over: one argument as is, several as an array.
        const { data, ack } = this.mapPayload(args.length > 1 ? args : args[0]);
        transform(handler.callback(data, ack)).subscribe({
          next: (response) => respond(socket, response, ack, handler),
          // Nest's exception filters already turned handler errors into responses; nothing to add.
          error: () => undefined,
        });
      });
    }
  }
}

function respond(socket: Socket, response: unknown, ack: unknown, handler: MessageMappingProperties): void {
  if (response === undefined || response === null) return;
  const { event, data } = response as { event?: unknown; data?: unknown };
  if (typeof event === 'string' && event.length > 0) {
    socket.emit(event, data);
    return;
  }
  const manual = (handler as { isAckHandledManually?: boolean }).isAckHandledManually === true;
  if (!manual && typeof ack === 'function') (ack as (value: unknown) => void)(response);
}
