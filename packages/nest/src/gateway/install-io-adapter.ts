import type { ApplicationConfig, HttpAdapterHost } from '@nestjs/core';
import { RealtimeIoAdapter } from './realtime-io.adapter';

/**
 * Makes {@link RealtimeIoAdapter} the app's WebSocket adapter unless the app already chose one.
 *
 * Runs while providers are created, inside `NestFactory.create()`: Nest connects gateways to
 * their adapter at `app.init()`, before any `onModuleInit`, so later would be too late, and an
 * app's own `app.useWebSocketAdapter(...)` after `create()` still replaces it. The HTTP server
 * does not exist yet at this point; the adapter reads it from the host when it creates its
 * Socket.IO server.
 */
export function installIoAdapter(config: ApplicationConfig, host: HttpAdapterHost): void {
  if (config.getIoAdapter()) return;
  config.setIoAdapter(new RealtimeIoAdapter(undefined, () => host.httpAdapter?.getHttpServer()));
}
