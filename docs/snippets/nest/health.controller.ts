// #region terminus
import { Controller, Get, Module } from '@nestjs/common';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import { RealtimeModule } from '@tenantcast/nest';
import { RealtimeHealthIndicator } from '@tenantcast/nest/terminus';

@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly realtime: RealtimeHealthIndicator,
  ) {}

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([() => this.realtime.isHealthy('realtime')]);
  }

  @Get('live')
  @HealthCheck()
  live() {
    // Degraded presence or adapter is no reason to restart the process.
    return this.health.check([() => this.realtime.isHealthy('realtime', { presenceRequired: false, adapterRequired: false })]);
  }
}

@Module({
  imports: [TerminusModule, RealtimeModule.forRoot({ auth: { secret: process.env.JWT_SECRET ?? '' }, health: false })],
  controllers: [HealthController],
  providers: [RealtimeHealthIndicator],
})
export class HealthModule {}
// #endregion terminus
