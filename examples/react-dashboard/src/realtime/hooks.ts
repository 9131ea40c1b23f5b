import { createRealtimeHooks } from '@tenantcast/react';
import type { RcaClientEvents, RcaServerEvents } from 'nest-rca/contract';

/** The provider and hooks typed by the backend's own event maps. */
export const { RealtimeProvider, useRealtimeClient, useRealtimeEvent, useRealtimeStatus, useRoom, usePresence } = createRealtimeHooks<RcaServerEvents, RcaClientEvents>();
