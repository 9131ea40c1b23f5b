import { Controller, Get, Inject } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryPresenceStore, RealtimeModule, type PresenceStore } from '../src';
import { RealtimeHealthIndicator } from '../src/terminus';
import { startModule, testOptions, type TestApp } from './support/apps';

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
    return this.health.check([() => this.realtime.isHealthy('realtime', { presenceRequired: false })]);
  }
}

/** A store whose backend is unreachable, as when Redis is down. */
class UnreachableStore extends MemoryPresenceStore implements PresenceStore {
  override async isHealthy(): Promise<boolean> {
    return false;
  }
}

describe('RealtimeHealthIndicator (@nestjs/terminus)', () => {
  let server: TestApp | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  const start = (options = testOptions()) =>
    startModule({ imports: [TerminusModule, RealtimeModule.forRoot(options)], controllers: [HealthController], providers: [RealtimeHealthIndicator] });

  it('reports up with connections and the presence store', async () => {
    server = await start();
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', info: { realtime: { status: 'up', connections: 0, presence: { store: 'memory', ok: true } } } });
  });

  it('reports down when presence is unreachable, unless presence is not required', async () => {
    server = await start(testOptions({ presence: { store: new UnreachableStore() } }));
    const readiness = await fetch(`${server.url}/health`);
    expect(readiness.status).toBe(503);
    expect(await readiness.json()).toMatchObject({ error: { realtime: { status: 'down', state: 'degraded' } } });
    expect((await fetch(`${server.url}/health/live`)).status).toBe(200);
    expect(await (await fetch(`${server.url}/realtime/health`)).json()).toMatchObject({ status: 'degraded', presence: { ok: false } });
  });
});
