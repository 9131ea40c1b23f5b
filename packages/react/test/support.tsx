import { createRealtimeClient, silentLogger, type RealtimeClientOptions } from '@tenantcast/client';
import { ALICE, type TestClientEvents, type TestServerEvents } from '../../client/test/support/clients';
import { signToken, type TestClaims } from '../../client/test/support/jwt';
import type { TestServer } from '../../client/test/support/test-server';
import { createRealtimeHooks } from '../src/index';

/** The hooks typed with the test event maps. */
export const hooks = createRealtimeHooks<TestServerEvents, TestClientEvents>();

/** Options of a client of `server` for `claims`: silent, autoConnect off (the provider connects). */
export function clientOptions(server: TestServer, claims: TestClaims = ALICE, overrides: Partial<RealtimeClientOptions> = {}): RealtimeClientOptions {
  return {
    url: server.url,
    namespace: server.namespace,
    token: () => signToken(claims),
    autoConnect: false,
    reconnection: { delayMs: 50, maxDelayMs: 200, jitter: 0 },
    logger: silentLogger,
    onError: () => undefined,
    ...overrides,
  };
}

/** A client of the test maps, not connected. */
export function makeTestClient(server: TestServer, claims: TestClaims = ALICE, overrides: Partial<RealtimeClientOptions> = {}) {
  return createRealtimeClient<TestServerEvents, TestClientEvents>(clientOptions(server, claims, overrides));
}

/** Lets pending timers of 0 ms (the provider's deferred close) run. */
export function flushTasks(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0)).then(() => new Promise((resolve) => setTimeout(resolve, 0)));
}
