import type { OnApplicationShutdown } from '@nestjs/common';
import type { TokenExpiryScheduler } from './auth/token-expiry.scheduler';
import type { PresenceStore } from './presence/presence-store.interface';
import type { PresenceTracker } from './presence/presence-tracker';

/** What shutting down touches. */
export interface RealtimeShutdownOptions {
  tracker: PresenceTracker;
  expiry: TokenExpiryScheduler;
  store: PresenceStore;
  /** Whether the module created the store (memory, Redis from a URL) and so closes it. */
  ownsStore: boolean;
}

/**
 * Shuts the module down in the one order that loses nothing: stop timers, let the presence
 * writes of the sockets that just closed finish, and only then close a store the module created.
 * One hook, because Nest runs the shutdown hooks of a module's providers without ordering them.
 */
export class RealtimeShutdown implements OnApplicationShutdown {
  constructor(private readonly deps: RealtimeShutdownOptions) {}

  /** Called by Nest on `app.close()` (and on signals with `enableShutdownHooks()`). */
  async onApplicationShutdown(): Promise<void> {
    const { tracker, expiry, store, ownsStore } = this.deps;
    tracker.stop();
    expiry.cancelAll();
    await tracker.drain();
    if (ownsStore) await store.close();
  }
}
