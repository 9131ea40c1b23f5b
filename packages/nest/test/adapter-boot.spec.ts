import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { REDIS_URL, freePort, requireRedis, uniquePrefix, waitFor } from '@tenantcast/test-support';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RealtimeModule, type RealtimeModuleOptions } from '../src';
import { RealtimeHealthIndicator } from '../src/terminus';
import { startModule, testOptions } from './support/apps';
import { CapturingLogger } from './support/capturing-logger';

@Controller('health')
class HealthController {
  constructor(
    @Inject(HealthCheckService) private readonly health: HealthCheckService,
    @Inject(RealtimeHealthIndicator) private readonly realtime: RealtimeHealthIndicator,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([() => this.realtime.isHealthy('realtime')]);
  }

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([() => this.realtime.isHealthy('realtime', { presenceRequired: false, adapterRequired: false })]);
  }
}

function start(options: Partial<RealtimeModuleOptions>, logger: CapturingLogger | false = false) {
  return startModule(
    { imports: [TerminusModule, RealtimeModule.forRoot(testOptions(options))], controllers: [HealthController], providers: [RealtimeHealthIndicator] },
    'express',
    0,
    logger,
  );
}

describe('booting with a cluster adapter', () => {
  it('starts while Redis is away and reports which parts are degraded', async () => {
    const url = `redis://127.0.0.1:${await freePort()}`;
    const server = await start({ presence: { store: 'redis', url }, adapter: { type: 'redis', url } });
    try {
      expect(await (await fetch(`${server.url}/realtime/health`)).json()).toMatchObject({
        status: 'degraded',
        degraded: ['adapter', 'presence'],
        adapter: { type: 'redis', ok: false },
        presence: { store: 'redis', ok: false },
      });
      const readiness = await fetch(`${server.url}/health`);
      expect(readiness.status).toBe(503);
      expect(await readiness.json()).toMatchObject({ error: { realtime: { status: 'down', degraded: ['adapter', 'presence'] } } });
      expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it('warns that polling needs sticky sessions when an adapter spreads clients over processes', async () => {
    await requireRedis();
    const presence = { store: 'redis', url: REDIS_URL, keyPrefix: uniquePrefix('boot') } as const;
    for (const [transports, warned] of [[undefined, true], [['websocket'], false]] as const) {
      const logger = new CapturingLogger();
      const server = await start({ presence, adapter: { type: 'redis', url: REDIS_URL, keyPrefix: uniquePrefix('boot-adapter') }, ...(transports ? { transports: [...transports] } : {}) }, logger);
      await server.close();
      expect(logger.lines.some((line) => line.includes('needs every request of a session to reach the same one: put sticky sessions'))).toBe(warned);
    }
  });

  it('uses the app’s own client without closing it, and closes the subscriber it made from it', async () => {
    await requireRedis();
    // Duplicates inherit the name, so the module's subscriber shows up under it in CLIENT LIST.
    const name = uniquePrefix('own-client').replace(/:/g, '-');
    const client = new Redis(REDIS_URL, { connectionName: name });
    const connections = async () => String(await client.call('CLIENT', 'LIST')).split('\n').filter((line: string) => line.includes(`name=${name} `)).length;
    const server = await start({ presence: { store: 'redis', client, keyPrefix: uniquePrefix('own') }, adapter: { type: 'redis', client, keyPrefix: uniquePrefix('own-adapter') } });
    expect(await connections()).toBe(2);
    expect(await (await fetch(`${server.url}/realtime/health`)).json()).toMatchObject({ status: 'ok', adapter: { type: 'redis', ok: true } });
    await server.close();
    expect(client.status).toBe('ready');
    // The server notices the subscriber's closed connection a moment later.
    await waitFor(async () => (await connections()) === 1, 'only the app’s own connection to remain');
    await client.quit();
  });
});
