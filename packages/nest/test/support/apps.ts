import 'reflect-metadata';
import { Module, type INestApplication, type LoggerService, type ModuleMetadata } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { RealtimeModule, type RealtimeModuleOptions } from '../../src';
import { TEST_SECRET } from './tokens';

/** A running test app and its base URL. */
export interface TestApp {
  app: INestApplication;
  url: string;
  close(): Promise<void>;
}

/** Default options of test apps: short, no-surprise settings. */
export function testOptions(overrides: Partial<RealtimeModuleOptions> = {}): RealtimeModuleOptions {
  return {
    namespace: '/rca',
    auth: { secret: TEST_SECRET },
    rooms: { rca: {}, plant: {} },
    ...overrides,
  };
}

/** Starts a real Nest app (on a free port unless one is given) with the given module metadata. */
export async function startModule(
  metadata: ModuleMetadata,
  platform: 'express' | 'fastify' = 'express',
  port = 0,
  logger: LoggerService | false = false,
): Promise<TestApp> {
  @Module(metadata)
  class TestAppModule {}
  const app =
    platform === 'fastify'
      ? await NestFactory.create<NestFastifyApplication>(TestAppModule, new FastifyAdapter(), { logger, abortOnError: false })
      : await NestFactory.create(TestAppModule, { logger, abortOnError: false });
  await app.listen(port, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const url = `http://127.0.0.1:${address.port}`;
  return { app, url, close: () => app.close() };
}

/** Starts a real Nest app whose only module is `RealtimeModule.forRoot(options)`. */
export function startRealtimeApp(options: Partial<RealtimeModuleOptions> = {}, metadata: ModuleMetadata = {}, port = 0): Promise<TestApp> {
  return startModule({ ...metadata, imports: [RealtimeModule.forRoot(testOptions(options)), ...(metadata.imports ?? [])] }, 'express', port);
}
