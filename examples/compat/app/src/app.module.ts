import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { RealtimeModule } from '@tenantcast/nest';
import { RealtimeHealthIndicator } from '@tenantcast/nest/terminus';
import { DemoController } from './demo.controller.js';
import { HealthController } from './health.controller.js';
import { canViewRca } from './rca-access.policy.js';
import { RcaGateway } from './rca.gateway.js';

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is required`);
  return value;
}

@Module({
  imports: [
    TerminusModule,
    RealtimeModule.forRootAsync({
      useFactory: () => ({
        namespace: '/rca',
        auth: { secret: requiredEnv('TC_SECRET') },
        rooms: { rca: { authorize: canViewRca } },
        dependencyFloors: process.env.TC_DEPENDENCY_FLOORS === 'refuse' ? 'refuse' : 'warn',
      }),
    }),
  ],
  controllers: [DemoController, HealthController],
  providers: [RcaGateway, RealtimeHealthIndicator],
})
export class AppModule {}
