import { Module } from '@nestjs/common';
// #region for-root
import { RealtimeModule } from '@tenantcast/nest';

export const realtime = RealtimeModule.forRoot({
  namespace: '/rca',
  auth: { secret: process.env.JWT_SECRET ?? '' },
  rooms: { rca: {} },
  isGlobal: true, // inject RealtimeService in every module without importing this one again
});
// #endregion for-root

@Module({ imports: [realtime] })
export class ForRootModule {}
