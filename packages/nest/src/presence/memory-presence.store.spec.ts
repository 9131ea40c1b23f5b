import * as vitest from 'vitest';
import { describePresenceStoreContract } from '../testing/presence-store.contract';
import { MemoryPresenceStore } from './memory-presence.store';

describePresenceStoreContract('memory', () => new MemoryPresenceStore(), { test: vitest });
