import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { ServeStaticModule } from '@nestjs/serve-static';
import { RealtimeModule } from '@tenantcast/nest';
import { DevTokenController } from './auth/dev-token.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { RolesGuard } from './auth/roles.guard';
import { jwtModuleOptions } from './auth/jwt-options';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { dashboardStaticOptions } from './dashboard/dashboard-static';
import { MetricsController } from './metrics/metrics.controller';
import { MetricsModule } from './metrics/metrics.module';
import { PrometheusMetrics } from './metrics/prometheus-metrics';
import { RcaCatalog } from './rcas/rca-catalog';
import { RcaCommentsController } from './rcas/rca-comments.controller';
import { RcaListController } from './rcas/rca-list.controller';
import { RcaStatusService } from './rcas/rca-status.service';
import { RcasController } from './rcas/rcas.controller';
import { RcaGateway } from './realtime/rca.gateway';
import { realtimeOptions } from './realtime/realtime-options.factory';
import { TenantController } from './tenant/tenant.controller';
import { NotificationsController } from './users/notifications.controller';

/**
 * The RCA app's realtime backend: the validated environment feeds JWT verification (HTTP) and
 * RealtimeModule (sockets) through `forRootAsync`, the way an app using ConfigService would;
 * with `DASHBOARD_DIR` set it also serves the built React dashboard, with `METRICS=true` the
 * OpenTelemetry metrics at `GET /metrics`.
 */
@Module({
  imports: [
    AppConfigModule,
    JwtModule.registerAsync({ imports: [AppConfigModule], inject: [AppConfig], useFactory: jwtModuleOptions }),
    MetricsModule,
    RealtimeModule.forRootAsync({ imports: [AppConfigModule, MetricsModule], inject: [AppConfig, PrometheusMetrics], useFactory: realtimeOptions }),
    ServeStaticModule.forRootAsync({ imports: [AppConfigModule], inject: [AppConfig], useFactory: dashboardStaticOptions }),
  ],
  controllers: [DevTokenController, RcaListController, RcasController, RcaCommentsController, NotificationsController, TenantController, MetricsController],
  // Guards run in this order: authenticate, then check the route's roles.
  providers: [RcaGateway, RcaCatalog, RcaStatusService, { provide: APP_GUARD, useClass: JwtAuthGuard }, { provide: APP_GUARD, useClass: RolesGuard }],
})
export class AppModule {}
