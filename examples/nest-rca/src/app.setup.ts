import type { INestApplication } from '@nestjs/common';
import { AppConfig } from './config/app-config';

/** Application-level settings shared by `main.ts` and the tests, which boot the same app. */
export function configureApp(app: INestApplication): void {
  const { env } = app.get(AppConfig);
  // The dashboard calls the HTTP API from the same origin it opens sockets from.
  app.enableCors({ origin: env.corsOrigins, credentials: true });
}
