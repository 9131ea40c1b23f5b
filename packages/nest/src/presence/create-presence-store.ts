import type { ResolvedPresenceOptions } from '../options/resolved-realtime-options';
import { MemoryPresenceStore } from './memory-presence.store';
import type { PresenceStore } from './presence-store.interface';
import { RedisPresenceStore } from './redis-presence.store';

/** Creates the store the options ask for; an application's own store is used as given. */
export function createPresenceStore(presence: ResolvedPresenceOptions): PresenceStore {
  switch (presence.kind) {
    case 'memory':
      return new MemoryPresenceStore();
    case 'redis':
      return new RedisPresenceStore(presence.redis);
    case 'custom':
      return presence.store;
  }
}

/** Whether the module created the store, and so must close it on shutdown. */
export function ownsPresenceStore(presence: ResolvedPresenceOptions): boolean {
  return presence.kind !== 'custom';
}
