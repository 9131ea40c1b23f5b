// #region contract
import * as vitest from 'vitest';
import { MemoryPresenceStore } from '@tenantcast/nest';
import { describePresenceStoreContract } from '@tenantcast/nest/testing';

// Your store in place of MemoryPresenceStore: a new one before each test, closed after it.
describePresenceStoreContract('MemoryPresenceStore', () => new MemoryPresenceStore(), { test: vitest });
// #endregion contract
