// #region worker
import { RealtimeEmitter } from '@tenantcast/nest/emitter';
import type { RcaServerEvents } from '@acme/rca-contract';

/** A queue worker: no sockets of its own, same envelope and typing as RealtimeService. */
export async function reportReady(tenantId: string, userId: string, rcaId: string): Promise<void> {
  const emitter = await RealtimeEmitter.connect<RcaServerEvents>({
    url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    namespace: '/rca', // as the servers' `namespace`
    keyPrefix: 'socket.io', // as the servers' `adapter.keyPrefix`
    onError: (error) => console.warn('realtime emit lost', error),
  });
  try {
    emitter.emitToUser(tenantId, userId, 'notification', { title: 'Report ready', rcaId });
  } finally {
    await emitter.close();
  }
}
// #endregion worker
