import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { RealtimeModule } from '@tenantcast/nest';
import { DevTokenController } from './auth/dev-token.controller';
import { JwtAuthGuard } from './auth/jwt-auth.guard';
import { RolesGuard } from './auth/roles.guard';
import { jwtModuleOptions } from './auth/jwt-options';
import { AppConfig } from './config/app-config';
import { AppConfigModule } from './config/app-config.module';
import { RcasController } from './rcas/rcas.controller';
import { RcaGateway } from './realtime/rca.gateway';
import { realtimeOptions } from './realtime/realtime-options.factory';
import { TenantController } from './tenant/tenant.controller';
import { NotificationsController } from './users/notifications.controller';

/**
 * The RCA app's realtime backend: the validated environment feeds JWT verification (HTTP) and
 * RealtimeModule (sockets) through `forRootAsync`, the way an app using ConfigService would.
 */
@Module({
  imports: [
    AppConfigModule,
    JwtModule.registerAsync({ imports: [AppConfigModule], inject: [AppConfig], useFactory: jwtModuleOptions }),
    RealtimeModule.forRootAsync({ imports: [AppConfigModule], inject: [AppConfig], useFactory: realtimeOptions }),
  ],
  controllers: [DevTokenController, RcasController, NotificationsController, TenantController],
  // Guards run in this order: authenticate, then check the route's roles.
  providers: [RcaGateway, { provide: APP_GUARD, useClass: JwtAuthGuard }, { provide: APP_GUARD, useClass: RolesGuard }],
})
export class AppModule {}
