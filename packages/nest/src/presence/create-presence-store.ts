import type { RealtimePresenceOption } from '../realtime-options.interface';
import { MemoryPresenceStore } from './memory-presence.store';
import type { PresenceStore } from './presence-store.interface';
import { RedisPresenceStore } from './redis-presence.store';

/** The store in use, whether the module must close it, and how often to sweep it. */
export interface PresenceSetup {
  store: PresenceStore;
  owned: boolean;
  sweepIntervalMs: number | undefined;
}

/** Creates the store the options ask for; an application's own store is used as given. */
export function createPresenceStore(option: RealtimePresenceOption): PresenceSetup {
  if (option === 'memory') return { store: new MemoryPresenceStore(), owned: true, sweepIntervalMs: undefined };
  if (option.store === 'redis') {
    const { store: _kind, ...redisOptions } = option;
    const store = new RedisPresenceStore(redisOptions);
    return { store, owned: true, sweepIntervalMs: store.sweepIntervalMs };
  }
  return { store: option.store, owned: false, sweepIntervalMs: undefined };
}
