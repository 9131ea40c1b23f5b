import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { RealtimeHealthService } from '../health/realtime-health.service';
import { REALTIME_HEALTH } from '../realtime-internal.constants';
import { SharedAcrossBuilds } from '../shared-across-builds';

/** Options of {@link RealtimeHealthIndicator.isHealthy}. */
export interface RealtimeHealthCheckOptions {
  /**
   * Report `down` when the presence store does not answer. Turn it off for liveness probes:
   * realtime keeps delivering events while presence is degraded.
   * @default true
   */
  presenceRequired?: boolean;
  /**
   * Report `down` when the adapter cannot reach Redis. Turn it off for liveness probes: this
   * process keeps delivering to its own sockets meanwhile.
   * @default true
   */
  adapterRequired?: boolean;
}

/**
 * A `@nestjs/terminus` health indicator for apps that already use terminus. Provide it next to
 * `TerminusModule` and `RealtimeModule`.
 *
 * @example
 * ```ts
 * @Get('health')
 * @HealthCheck()
 * check() {
 *   return this.health.check([() => this.realtime.isHealthy('realtime')]);
 * }
 * ```
 */
@SharedAcrossBuilds('RealtimeHealthIndicator')
@Injectable()
export class RealtimeHealthIndicator {
  constructor(
    @Inject(HealthIndicatorService) private readonly indicators: HealthIndicatorService,
    @Inject(REALTIME_HEALTH) private readonly health: RealtimeHealthService,
  ) {}

  /** Checks the gateway, the presence store and the adapter under `key`. */
  async isHealthy<const Key extends string>(key: Key, options: RealtimeHealthCheckOptions = {}): Promise<HealthIndicatorResult<Key>> {
    const session = this.indicators.check(key);
    const report = await this.health.check();
    const details = { connections: report.connections, engineConnections: report.engineConnections, presence: report.presence, adapter: report.adapter, degraded: report.degraded };
    const required = report.degraded.filter((part) => (part === 'presence' ? options.presenceRequired : options.adapterRequired) ?? true);
    const down = report.status === 'starting' || required.length > 0;
    return down ? session.down({ ...details, state: report.status }) : session.up({ ...details, state: report.status });
  }
}
