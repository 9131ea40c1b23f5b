import { Inject, Injectable } from '@nestjs/common';
import type { NamespaceHost } from '../gateway/namespace-host';
import type { PresenceReader } from '../presence/presence-reader';
import { NAMESPACE_HOST, PRESENCE_READER } from '../realtime-internal.constants';
import { SharedAcrossBuilds } from '../shared-across-builds';

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
@SharedAcrossBuilds('RealtimeHealthService')
@Injectable()
export class RealtimeHealthService {
  constructor(
    @Inject(NAMESPACE_HOST) private readonly host: NamespaceHost,
    @Inject(PRESENCE_READER) private readonly presence: PresenceReader,
  ) {}

  /** Checks the presence store and counts this process's connections. */
  async check(): Promise<RealtimeHealthReport> {
    const presence = { store: this.presence.storeName, ok: await this.presence.isHealthy() };
    if (!this.host.ready) return { status: 'starting', connections: 0, presence };
    return { status: presence.ok ? 'ok' : 'degraded', connections: this.host.namespace.sockets.size, presence };
  }
}
