import * as vitest from 'vitest';
import { MemoryPresenceStore } from '@tenantcast/nest';
import { describePresenceStoreContract } from '@tenantcast/nest/testing';

// Through the package's own exports, so this runs the built files that store authors install.
describePresenceStoreContract('memory, from the published entry points', () => new MemoryPresenceStore(), { test: vitest });
