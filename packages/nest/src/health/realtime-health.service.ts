import { Inject, Injectable } from '@nestjs/common';
import { REALTIME_RUNTIME } from '../realtime-internal.constants';
import type { RealtimeRuntime } from '../realtime-runtime';

/** What the health endpoint and the terminus indicator report. */
export interface RealtimeHealthReport {
  /** `ok` when everything works; `degraded` when presence is unavailable but realtime works. */
  status: 'ok' | 'degraded' | 'starting';
  /** Sockets connected to this process's namespace. */
  connections: number;
  /** The presence store and whether it answers. */
  presence: { store: string; ok: boolean };
}

/** Computes the module's health; used by the health endpoint and `RealtimeHealthIndicator`. */
@Injectable()
export class RealtimeHealthService {
  constructor(@Inject(REALTIME_RUNTIME) private readonly runtime: RealtimeRuntime) {}

  /** Checks the presence store and counts this process's connections. */
  async check(): Promise<RealtimeHealthReport> {
    const { host, store } = this.runtime;
    const presenceOk = await store.isHealthy().catch(() => false);
    if (!host.ready) return { status: 'starting', connections: 0, presence: { store: store.name, ok: presenceOk } };
    return {
      status: presenceOk ? 'ok' : 'degraded',
      connections: host.namespace.sockets.size,
      presence: { store: store.name, ok: presenceOk },
    };
  }
}
