import type { INestApplication } from '@nestjs/common';
import { AppConfig } from './config/app-config';
import { ApiExceptionFilter } from './http/api-exception.filter';
import { HostBoundIoAdapter } from './realtime/host-bound-io.adapter';

/** Application-level settings shared by `main.ts` and the tests, which boot the same app. */
export function configureApp(app: INestApplication): void {
  const { env } = app.get(AppConfig);
  // The dashboard calls the HTTP API from the same origin it opens sockets from.
  app.enableCors({ origin: env.corsOrigins, credentials: true });
  app.useGlobalFilters(new ApiExceptionFilter());
  // With WEBSOCKET_PORT, Socket.IO's own server listens on HOST too, not on every interface.
  app.useWebSocketAdapter(new HostBoundIoAdapter(app, env.host));
}
