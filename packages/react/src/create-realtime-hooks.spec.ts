import { describe, expect, it } from 'vitest';
import { createRealtimeHooks } from './create-realtime-hooks';
import { RealtimeProvider } from './realtime-provider';
import { usePresence } from './use-presence';
import { useRealtimeClient } from './use-realtime-client';
import { useRealtimeEvent } from './use-realtime-event';
import { useRealtimeStatus } from './use-realtime-status';
import { useRoom } from './use-room';

describe('createRealtimeHooks', () => {
  it("hands out the package's own provider and hooks, only typed for the given maps", () => {
    expect(createRealtimeHooks()).toEqual({ RealtimeProvider, useRealtimeClient, useRealtimeStatus, useRealtimeEvent, useRoom, usePresence });
    const hooks = createRealtimeHooks();
    expect(hooks.useRealtimeClient).toBe(useRealtimeClient);
    expect(hooks.useRealtimeEvent).toBe(useRealtimeEvent);
  });
});
