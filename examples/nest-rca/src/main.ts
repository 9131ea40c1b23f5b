import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { AddressInfo } from 'node:net';
import { AppModule } from './app.module';
import { configureApp } from './app.setup';
import { AppConfig } from './config/app-config';
import { startupBanner } from './startup-banner';

async function bootstrap(): Promise<void> {
  // abortOnError: false lets a start-up error (such as an invalid environment) end the process
  // with its message and exit code 1, instead of Nest's process.abort().
  const app = await NestFactory.create(AppModule, { abortOnError: false });
  configureApp(app);
  app.enableShutdownHooks();
  const { env } = app.get(AppConfig);
  await app.listen(env.port, env.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.stdout.write(startupBanner(env, { httpPort: port }));
}

bootstrap().catch((error: unknown) => {
  // Nest logs errors of module creation in full, but not those of listen (a port in use): one
  // summary line covers both. exit() rather than exitCode: open clients (Redis) would keep the
  // process alive.
  const summary = error instanceof Error ? (error.message.split('\n')[0] ?? error.name) : String(error);
  console.error(`nest-rca did not start: ${summary}`);
  process.exit(1);
});
