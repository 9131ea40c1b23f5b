import 'reflect-metadata';
import { Module, type INestApplication, type Provider } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RealtimeModule, RealtimeService, type RealtimeModuleOptions } from '@tenantcast/nest';
import type { AddressInfo } from 'node:net';
import { TEST_SECRET } from './jwt';

/** Options of {@link startTestServer}: the module's options, with test defaults, and app providers. */
export type TestServerOptions = Partial<RealtimeModuleOptions> & {
  /** Providers of the app module, e.g. an application gateway. */
  providers?: Provider[];
};

/** What a test sees of a running (or stopped) server. Counts survive restarts. */
export interface TestServer {
  /** `http://127.0.0.1:{port}`. */
  readonly url: string;
  /** The namespace clients connect to. */
  readonly namespace: string;
  /** The port; the same across {@link restart}. */
  readonly port: number;
  /** The running app's `RealtimeService` (throws while stopped). */
  readonly realtime: RealtimeService;
  /** Transport-level connections opened so far (every attempt that reached the server). */
  readonly transportConnections: number;
  /** Authenticated Socket.IO connections to the namespace so far. */
  readonly namespaceConnections: number;
  /** Sockets connected to the namespace now. */
  connectedSockets(): number;
  /** How many times clients sent `event` (system events included) so far. */
  received(event: string): number;
  /** Stops the app; the port is free until {@link restart}. */
  stop(): Promise<void>;
  /** Starts a new app with the same options on the same port. */
  restart(): Promise<void>;
  /** Stops the app if it runs. */
  close(): Promise<void>;
}

/** The options every test server uses unless the test overrides them. */
export const TEST_SERVER_DEFAULTS = {
  auth: { secret: TEST_SECRET },
  namespace: '/realtime',
  rooms: { rca: {}, plant: {} },
  pingInterval: 1_000,
  pingTimeout: 1_000,
  health: false,
} satisfies RealtimeModuleOptions;

/**
 * Starts a real NestJS 11 app with `RealtimeModule.forRoot(...)` on 127.0.0.1, port 0 (or the
 * given port), and counts what clients do to it. Close it in `afterAll`.
 */
export async function startTestServer(overrides: TestServerOptions = {}): Promise<TestServer> {
  const { providers = [], ...moduleOverrides } = overrides;
  const options: RealtimeModuleOptions = { ...TEST_SERVER_DEFAULTS, ...moduleOverrides };
  const counts = { transport: 0, namespace: 0, events: new Map<string, number>() };
  let app: INestApplication | undefined;
  let port = 0;

  const boot = async (): Promise<void> => {
    // No decorator syntax here, so this file needs no SWC transform wherever it is imported.
    class TestAppModule {}
    Module({ imports: [RealtimeModule.forRoot(options)], providers })(TestAppModule);
    const next = await NestFactory.create(TestAppModule, { logger: false });
    await next.listen(port, '127.0.0.1');
    port = (next.getHttpServer().address() as AddressInfo).port;
    const namespace = next.get(RealtimeService).namespace;
    namespace.server.engine.on('connection', () => {
      counts.transport += 1;
    });
    namespace.on('connection', (socket) => {
      counts.namespace += 1;
      socket.onAny((event: string) => counts.events.set(event, (counts.events.get(event) ?? 0) + 1));
    });
    app = next;
  };

  const stop = async (): Promise<void> => {
    const running = app;
    app = undefined;
    await running?.close();
  };

  await boot();
  return {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    namespace: options.namespace ?? '/',
    get port() {
      return port;
    },
    get realtime() {
      if (!app) throw new Error('The test server is stopped');
      return app.get(RealtimeService);
    },
    get transportConnections() {
      return counts.transport;
    },
    get namespaceConnections() {
      return counts.namespace;
    },
    connectedSockets: () => (app ? app.get(RealtimeService).namespace.sockets.size : 0),
    received: (event) => counts.events.get(event) ?? 0,
    stop,
    restart: async () => {
      await stop();
      await boot();
    },
    close: stop,
  };
}
