import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { REALTIME_HEALTH, RESOLVED_OPTIONS } from '../realtime-internal.constants';
import type { ResolvedRealtimeOptions } from '../options/resolved-realtime-options';
import type { RealtimeHealthService } from './realtime-health.service';

/**
 * Serves `GET {health.path}` on the app's HTTP server through Nest's HTTP adapter, so it works
 * with Express and Fastify alike. It is registered outside controllers on purpose: a probe must
 * answer without the app's global prefix, guards or authentication.
 */
@Injectable()
export class HealthRouteRegistrar implements OnModuleInit {
  constructor(
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedRealtimeOptions,
    @Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost,
    @Inject(REALTIME_HEALTH) private readonly health: RealtimeHealthService,
  ) {}

  /** Registers the route when the module initialises, before the app listens. */
  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    // A standalone application context has no HTTP server to serve the probe on.
    const { health } = this.options;
    if (!health.enabled || !adapter) return;
    adapter.get(health.path, async (_request: unknown, response: unknown) => {
      const report = await this.health.check();
      adapter.reply(response, report, 200);
    });
  }
}
