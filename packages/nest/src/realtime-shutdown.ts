import type { BeforeApplicationShutdown, OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, SystemEvent } from '@tenantcast/protocol';
import type { RealtimeAdapter } from './adapter/realtime-adapter';
import type { TokenExpiryScheduler } from './auth/token-expiry.scheduler';
import type { NamespaceHost } from './gateway/namespace-host';
import type { RealtimeLimits } from './limits/realtime-limits';
import type { PresenceStore } from './presence/presence-store.interface';
import type { PresenceTracker } from './presence/presence-tracker';

/** What shutting down touches. */
export interface RealtimeShutdownOptions {
  host: NamespaceHost;
  tracker: PresenceTracker;
  expiry: TokenExpiryScheduler;
  store: PresenceStore;
  /** Whether the module created the store (memory, Redis from a URL) and so closes it. */
  ownsStore: boolean;
  adapter: RealtimeAdapter;
  /** The connection caps' counters, released by the closing sockets before they stop. */
  limits: RealtimeLimits;
}

const SHUTDOWN_MESSAGE = 'This server is shutting down; reconnect and another one takes over.';

/**
 * Shuts the module down in the one order that loses nothing:
 *
 * 1. before Nest closes the Socket.IO server, every socket of this process is told why
 *    (`session-ended`, `SERVER_SHUTDOWN`); Socket.IO then closes the transports without a
 *    disconnect packet, so clients reconnect, through the load balancer, to another process;
 * 2. the closed sockets' presence is removed at once, their leave events sent through the
 *    adapter while it can still publish;
 * 3. only then are timers stopped and the store, limits and adapter clients the module created closed.
 *
 * One object for both hooks, because Nest runs the hooks of a module's providers without
 * ordering them.
 */
export class RealtimeShutdown implements BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(private readonly deps: RealtimeShutdownOptions) {}

  /** Called by Nest on `app.close()` (and on signals with `enableShutdownHooks()`), before the servers close. */
  beforeApplicationShutdown(): void {
    const { host } = this.deps;
    if (!host.ready) return;
    host.namespace.local.emit(SystemEvent.SessionEnded, { code: ErrorCode.ServerShutdown, message: SHUTDOWN_MESSAGE });
  }

  /** Called by Nest once the servers are closed. */
  async onApplicationShutdown(): Promise<void> {
    const { tracker, expiry, store, ownsStore, adapter, limits } = this.deps;
    tracker.stop();
    expiry.cancelAll();
    await tracker.drain();
    if (ownsStore) await store.close();
    await limits.close();
    await adapter.close();
  }
}
