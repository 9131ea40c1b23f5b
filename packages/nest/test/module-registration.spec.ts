import { Inject, Injectable, Module } from '@nestjs/common';
import { ConnectedSocket, MessageBody, SubscribeMessage, WebSocketGateway, type OnGatewayConnection } from '@nestjs/websockets';
import { afterEach, describe, expect, it } from 'vitest';
import type { JoinAck } from '@tenantcast/protocol';
import { RealtimeGateway, RealtimeModule, RealtimeService, type RealtimeModuleOptions, type RealtimeSocket } from '../src';
import { startModule, testOptions, type TestApp } from './support/apps';
import { CapturingLogger } from './support/capturing-logger';
import { connectClient, expectConnectError, request } from './support/clients';
import { tokenFor } from './support/tokens';

/** Stands in for @nestjs/config's ConfigService: options that exist only at run time. */
@Injectable()
class FakeConfig {
  readonly values: Record<string, string> = { WEBSOCKET_NAMESPACE: '/configured', WEBSOCKET_PING_INTERVAL: '1500' };
  get(key: string): string | undefined {
    return this.values[key];
  }
}

@Module({ providers: [FakeConfig], exports: [FakeConfig] })
class FakeConfigModule {}

const fromConfig = (config: FakeConfig): RealtimeModuleOptions =>
  testOptions({ namespace: config.get('WEBSOCKET_NAMESPACE'), pingInterval: Number(config.get('WEBSOCKET_PING_INTERVAL')) });

@Injectable()
class RealtimeOptionsFactory {
  constructor(@Inject(FakeConfig) private readonly config: FakeConfig) {}
  createRealtimeOptions(): RealtimeModuleOptions {
    return fromConfig(this.config);
  }
}

@Module({ imports: [FakeConfigModule], providers: [RealtimeOptionsFactory], exports: [RealtimeOptionsFactory] })
class OptionsFactoryModule {}

/** An application gateway on the same namespace that maps the story's own events. */
@RealtimeGateway()
class RcaGateway implements OnGatewayConnection {
  static connections: Array<{ id: string; userId: string | undefined }> = [];
  constructor(@Inject(RealtimeService) private readonly realtime: RealtimeService) {}

  handleConnection(socket: RealtimeSocket): void {
    RcaGateway.connections.push({ id: socket.id, userId: socket.data.user?.userId });
  }

  @SubscribeMessage('join-rca')
  joinRca(@ConnectedSocket() socket: RealtimeSocket, @MessageBody() rcaId: unknown): Promise<JoinAck> {
    return this.realtime.join(socket, 'rca', rcaId);
  }
}

/** A plain gateway on the same namespace, with Socket.IO's default server options. */
@WebSocketGateway({ namespace: '/rca' })
class PlainGateway implements OnGatewayConnection {
  static users: unknown[] = [];

  handleConnection(socket: RealtimeSocket): void {
    PlainGateway.users.push(socket.data.user);
  }
}

@Module({ providers: [PlainGateway] })
class PlainGatewayModule {}

describe('RealtimeModule registration', () => {
  let server: TestApp | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const variants: Array<[string, () => ReturnType<typeof RealtimeModule.forRootAsync>]> = [
    ['forRootAsync with useFactory and inject (ConfigService style)', () => RealtimeModule.forRootAsync({ imports: [FakeConfigModule], inject: [FakeConfig], useFactory: fromConfig })],
    ['forRootAsync with useClass', () => RealtimeModule.forRootAsync({ imports: [FakeConfigModule], useClass: RealtimeOptionsFactory })],
    ['forRootAsync with useExisting', () => RealtimeModule.forRootAsync({ imports: [OptionsFactoryModule], useExisting: RealtimeOptionsFactory })],
  ];

  for (const [label, register] of variants) {
    it(`${label} takes the namespace and ping settings from the provider at run time`, async () => {
      server = await startModule({ imports: [register()] });
      const { socket, connected } = await connectClient(server.url, '/configured', tokenFor('u1', 'acme'));
      expect(connected.server).toMatchObject({ namespace: '/configured', pingInterval: 1500 });
      socket.close();
    });
  }

  it('forRoot serves with static options', async () => {
    server = await startModule({ imports: [RealtimeModule.forRoot(testOptions({ namespace: '/static' }))] });
    const { socket } = await connectClient(server.url, '/static', tokenFor('u1', 'acme'));
    socket.close();
  });

  it('isGlobal makes RealtimeService injectable in feature modules without importing the module', async () => {
    @Injectable()
    class Notifier {
      constructor(@Inject(RealtimeService) readonly realtime: RealtimeService) {}
    }
    @Module({ providers: [Notifier] })
    class FeatureModule {}
    server = await startModule({ imports: [RealtimeModule.forRoot({ ...testOptions(), isGlobal: true }), FeatureModule] });
    expect(server.app.get(Notifier).realtime).toBeInstanceOf(RealtimeService);
  });

  it('fails at start-up with a message that names the fix for invalid options', async () => {
    expect(() => RealtimeModule.forRoot({ auth: {} })).toThrow(/needs one of secret, publicKey or verify/);
    expect(() => RealtimeModule.forRoot(testOptions({ auth: { secret: 'short' } }))).toThrow(/at least 32 bytes/);
    expect(() => RealtimeModule.forRoot(testOptions({ namespace: 'rca' }))).toThrow(/starting with '\/'/);
    expect(() => RealtimeModule.forRoot(testOptions({ rooms: { 'Bad:Kind': {} } }))).toThrow(/room kind 'Bad:Kind' is invalid/);
    expect(() => RealtimeModule.forRoot(testOptions({ rooms: { user: {} } }))).toThrow(/reserved/);
    expect(() => RealtimeModule.forRoot(testOptions({ pingInterval: -1 }))).toThrow(/pingInterval must be a positive integer/);
    await expect(
      startModule({ imports: [RealtimeModule.forRootAsync({ useFactory: () => testOptions({ transports: [] }) })] }),
    ).rejects.toThrow(/transports must be a non-empty array/);
  });

  it('an app’s own @RealtimeGateway on the same namespace only ever receives authenticated sockets', async () => {
    server = await startModule({ imports: [RealtimeModule.forRootAsync({ imports: [FakeConfigModule], inject: [FakeConfig], useFactory: fromConfig })], providers: [RcaGateway] });
    const before = RcaGateway.connections.length;
    await expectConnectError(server.url, '/configured', undefined);
    await expectConnectError(server.url, '/configured', 'forged.token.here');
    expect(RcaGateway.connections.length).toBe(before);
    const { socket } = await connectClient(server.url, '/configured', tokenFor('mapped', 'acme'));
    expect(RcaGateway.connections.slice(before)).toEqual([{ id: socket.id, userId: 'mapped' }]);
    const ack = await request<JoinAck>(socket, 'join-rca', '42');
    expect(ack).toMatchObject({ ok: true, room: 'tenant:acme:rca:42' });
    expect(await request<JoinAck>(socket, 'join-rca', { not: 'a string' })).toMatchObject({ ok: false, error: { code: 'INVALID_ROOM' } });
    socket.close();
  });

  it('serves the same gateway on the Fastify HTTP adapter', async () => {
    server = await startModule({ imports: [RealtimeModule.forRoot(testOptions())], providers: [RcaGateway] }, 'fastify');
    const { socket, connected } = await connectClient(server.url, '/rca', tokenFor('fast', 'acme'));
    expect(connected.user.userId).toBe('fast');
    expect(await request<JoinAck>(socket, 'join-rca', '7')).toMatchObject({ ok: true, room: 'tenant:acme:rca:7' });
    const health = await fetch(`${server.url}/realtime/health`);
    expect(await health.json()).toMatchObject({ status: 'ok', connections: 1 });
    socket.close();
  });

  it('shares the server with a plain @WebSocketGateway that created it, and warns that its settings won', async () => {
    const logger = new CapturingLogger();
    server = await startModule({ imports: [PlainGatewayModule, RealtimeModule.forRoot(testOptions({ pingInterval: 1_000 }))] }, 'express', 0, logger);
    const { socket } = await connectClient(server.url, '/rca', tokenFor('plain', 'acme'));
    expect(PlainGateway.users).toEqual([expect.objectContaining({ userId: 'plain', tenantId: 'acme' })]);
    socket.close();
    expect(logger.lines.filter((line) => line.includes('RealtimeModule\'s settings do not apply'))).toEqual([
      expect.stringContaining('different pingInterval, maxHttpBufferSize'),
    ]);
    expect(logger.lines.some((line) => line.includes('@RealtimeGateway()'))).toBe(true);
  });

  it('does not warn when the app’s gateways use @RealtimeGateway()', async () => {
    const logger = new CapturingLogger();
    server = await startModule({ imports: [RealtimeModule.forRoot(testOptions({ pingInterval: 1_000 }))], providers: [RcaGateway] }, 'express', 0, logger);
    expect(logger.lines.filter((line) => line.includes('do not apply'))).toEqual([]);
  });
});
