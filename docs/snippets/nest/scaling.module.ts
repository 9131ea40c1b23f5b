// #region cluster
import { Module } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { RealtimeModule } from '@tenantcast/nest';

@Module({
  imports: [
    ConfigModule.forRoot(),
    RealtimeModule.forRootAsync({
      imports: [ConfigModule],
      inject: [ConfigService],
      useFactory: (config: ConfigService) => {
        const url = config.getOrThrow<string>('REDIS_URL');
        return {
          namespace: '/rca',
          auth: { secret: config.getOrThrow<string>('JWT_SECRET') },
          presence: { store: 'redis', url },
          adapter: { type: 'redis-streams', url },
          recovery: { maxDisconnectionMs: 120_000 }, // needs redis-streams (or one process)
          limits: { store: { redis: url } }, // per-user limits and connection caps cluster-wide
          transports: ['websocket'], // no sticky sessions needed without long-polling
        };
      },
    }),
  ],
})
export class AppModule {}
// #endregion cluster
