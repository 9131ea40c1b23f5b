import { Inject, Injectable } from '@nestjs/common';
import type { RealtimeAdapter } from '../adapter/realtime-adapter';
import type { NamespaceHost } from '../gateway/namespace-host';
import type { PresenceReader } from '../presence/presence-reader';
import { NAMESPACE_HOST, PRESENCE_READER, REALTIME_ADAPTER } from '../realtime-internal.constants';
import { SharedAcrossBuilds } from '../shared-across-builds';

/** What the health endpoint and the terminus indicator report. */
export interface RealtimeHealthReport {
  /**
   * `ok` when everything works; `degraded` when presence or the adapter cannot reach their
   * backend (realtime still delivers to this process's sockets); `starting` before the gateway is up.
   */
  status: 'ok' | 'degraded' | 'starting';
  /** The parts that fail while `degraded`: `adapter`, `presence`, or both. */
  degraded: Array<'adapter' | 'presence'>;
  /** Authenticated sockets connected to this process's namespace. */
  connections: number;
  /**
   * Engine.IO sessions open on this process's Socket.IO server, on any namespace, including those
   * that have not (or not yet) completed a namespace handshake. Well above `connections`, they
   * are half-open sessions: clients that never send CONNECT, until `connectTimeout` closes them.
   */
  engineConnections: number;
  /** The presence store and whether it answers. */
  presence: { store: string; ok: boolean };
  /** The adapter (`memory` for one process) and whether its Redis connections are up. */
  adapter: { type: string; ok: boolean };
}

/** Computes the module's health; used by the health endpoint and `RealtimeHealthIndicator`. */
@SharedAcrossBuilds('RealtimeHealthService')
@Injectable()
export class RealtimeHealthService {
  constructor(
    @Inject(NAMESPACE_HOST) private readonly host: NamespaceHost,
    @Inject(PRESENCE_READER) private readonly presence: PresenceReader,
    @Inject(REALTIME_ADAPTER) private readonly adapter: RealtimeAdapter,
  ) {}

  /** Checks the presence store and the adapter, and counts this process's connections and sessions. */
  async check(): Promise<RealtimeHealthReport> {
    const presence = { store: this.presence.storeName, ok: await this.presence.isHealthy() };
    const adapter = { type: this.adapter.name, ok: this.adapter.isHealthy() };
    const degraded = [...(adapter.ok ? [] : (['adapter'] as const)), ...(presence.ok ? [] : (['presence'] as const))];
    if (!this.host.ready) return { status: 'starting', degraded, connections: 0, engineConnections: 0, presence, adapter };
    const { namespace } = this.host;
    const counts = { connections: namespace.sockets.size, engineConnections: namespace.server.engine.clientsCount };
    return { status: degraded.length === 0 ? 'ok' : 'degraded', degraded, ...counts, presence, adapter };
  }
}
