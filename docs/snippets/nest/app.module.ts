// #region module
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { RealtimeModule } from '@tenantcast/nest';
import { RcaAccess, RcaAccessModule } from './rca-access';
import { RcaGateway } from './rca.gateway';

@Module({
  imports: [
    ConfigModule.forRoot(),
    RealtimeModule.forRootAsync({
      imports: [ConfigModule, RcaAccessModule],
      inject: [ConfigService, RcaAccess],
      useFactory: (config: ConfigService, access: RcaAccess) => ({
        namespace: '/rca',
        auth: { secret: config.getOrThrow<string>('JWT_SECRET') },
        // The web app's origins: checked on every handshake, WebSocket included.
        origins: { allow: config.getOrThrow<string>('WEB_ORIGINS').split(',') },
        rooms: { rca: { authorize: (user, rcaId) => access.canView(user, rcaId) } },
      }),
    }),
  ],
  providers: [RcaGateway],
})
export class AppModule {}
// #endregion module
