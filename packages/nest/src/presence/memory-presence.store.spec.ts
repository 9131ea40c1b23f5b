import { MemoryPresenceStore } from './memory-presence.store';
import { describePresenceStoreContract } from './presence-store.contract';

describePresenceStoreContract('memory', () => new MemoryPresenceStore());
