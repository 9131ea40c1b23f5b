import 'reflect-metadata';
import type { INestApplication, LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RealtimeService } from '@tenantcast/nest';
import type { AddressInfo } from 'node:net';
import { AppModule } from '../../src/app.module';
import { configureApp } from '../../src/app.setup';
import type { RcaServerEvents } from '../../src/realtime/rca-events';

/** Every variable the example reads: cleared before each start so the host's own never leak in. */
const EXAMPLE_ENV = [
  'PORT',
  'HOST',
  'WEBSOCKET_PORT',
  'WEBSOCKET_NAMESPACE',
  'WEBSOCKET_PING_INTERVAL',
  'WEBSOCKET_PING_TIMEOUT',
  'CORS_ORIGIN',
  'JWT_SECRET',
  'REDIS_URL',
  'REDIS_KEY_PREFIX',
  'REALTIME_ADAPTER',
  'PRESENCE_TTL_SECONDS',
  'PRESENCE_SWEEP_SECONDS',
  'DEMO_AUTH',
  'DASHBOARD_DIR',
  'METRICS',
] as const;

export type ExampleEnv = Partial<Record<(typeof EXAMPLE_ENV)[number], string>>;

/** The real AppModule, listening on loopback. */
export interface RunningApp {
  app: INestApplication;
  /** Base URL of the HTTP API (and of Socket.IO unless WEBSOCKET_PORT is set). */
  url: string;
  port: number;
  realtime: RealtimeService<RcaServerEvents>;
  close(): Promise<void>;
}

/**
 * Boots the example's AppModule exactly as main.ts does, with `env` as its whole environment
 * (the variables are set for the creation only, then restored).
 */
export async function startApp(env: ExampleEnv, options: { port?: number; logger?: LoggerService } = {}): Promise<RunningApp> {
  const app = await withEnv(env, () => NestFactory.create(AppModule, { abortOnError: false, logger: options.logger ?? false }));
  configureApp(app);
  await app.listen(options.port ?? 0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, port, realtime: app.get(RealtimeService), close: () => app.close() };
}

/** Creates the app with `env` and resolves with the start-up error it fails with. */
export async function startupError(env: ExampleEnv): Promise<Error> {
  try {
    const app = await withEnv(env, () => NestFactory.create(AppModule, { abortOnError: false, logger: false }));
    await app.close();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the app to refuse to start, but it started');
}

async function withEnv<T>(env: ExampleEnv, run: () => Promise<T>): Promise<T> {
  const saved = EXAMPLE_ENV.map((name) => [name, process.env[name]] as const);
  for (const name of EXAMPLE_ENV) delete process.env[name];
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}
