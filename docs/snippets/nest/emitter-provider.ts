// #region provider
import { Injectable, Module } from '@nestjs/common';
import { RealtimeEmitter } from '@tenantcast/nest/emitter';
import type { RcaServerEvents } from '@acme/rca-contract';

@Injectable()
export class DigestJob {
  constructor(private readonly emitter: RealtimeEmitter<RcaServerEvents>) {}

  run(tenantId: string): void {
    this.emitter.emitToTenant(tenantId, 'announcement', { text: 'Your weekly digest is ready' });
  }
}

@Module({
  // A connected emitter, closed by Nest on shutdown.
  providers: [RealtimeEmitter.provider({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', namespace: '/rca' }), DigestJob],
})
export class WorkerModule {}
// #endregion provider
