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

const DEFAULT_TTL_MS = 30_000;

/** Creates the store the options ask for; an application's own store is used as given. */
export function createPresenceStore(option: RealtimePresenceOption): PresenceSetup {
  if (option === 'memory') return { store: new MemoryPresenceStore(), owned: true, sweepIntervalMs: undefined };
  if (option.store === 'redis') {
    const { store: _kind, ...redisOptions } = option;
    const ttlMs = redisOptions.ttlMs ?? DEFAULT_TTL_MS;
    return { store: new RedisPresenceStore(redisOptions), owned: true, sweepIntervalMs: redisOptions.sweepIntervalMs ?? Math.max(1, Math.floor(ttlMs / 3)) };
  }
  return { store: option.store, owned: false, sweepIntervalMs: undefined };
}
