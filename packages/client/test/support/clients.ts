import type { ClientEvent, ErrorAck } from '@tenantcast/protocol';
import { createRealtimeClient, silentLogger, type RealtimeClient, type RealtimeClientOptions } from '../../src/index';
import { signToken, type TestClaims } from './jwt';
import type { TestServer } from './test-server';

/** The server events the tests emit through `RealtimeService`. */
export interface TestServerEvents {
  'rca-updated': { rcaId: string; status: 'open' | 'closed' };
  notification: { title: string };
}

/** Client events the tests declare; `add-comment` is answered by `CommentsGateway`, the others by nobody. */
export interface TestClientEvents {
  typing: ClientEvent<{ rcaId: string }>;
  'add-comment': ClientEvent<{ rcaId: string; text: string }, { ok: true; id: string } | ErrorAck>;
  'never-acked': ClientEvent<void, { ok: true }>;
}

/** A client of the test maps. */
export type TestClient = RealtimeClient<TestServerEvents, TestClientEvents>;

/** The default user of the tests. */
export const ALICE: TestClaims = { sub: 'alice', tenantId: 'acme', role: 'engineer', email: 'alice@acme.test' };

/** A second user of the same tenant. */
export const BOB: TestClaims = { sub: 'bob', tenantId: 'acme', role: 'viewer' };

/** Closes every client created through {@link makeClient}; call in `afterEach`. */
export const openClients = new Set<{ close(): void }>();

/**
 * A client of `server` with fresh tokens for `claims`, silent logs and scaled-down delays
 * unless overridden. Records it for {@link closeClients}.
 */
export function makeClient(server: Pick<TestServer, 'url' | 'namespace'>, claims: TestClaims = ALICE, overrides: Partial<RealtimeClientOptions> = {}): TestClient {
  const client = createRealtimeClient<TestServerEvents, TestClientEvents>({
    url: server.url,
    namespace: server.namespace,
    token: () => signToken(claims),
    reconnection: { delayMs: 50, maxDelayMs: 400, jitter: 0 },
    logger: silentLogger,
    onError: () => undefined,
    ...overrides,
  });
  openClients.add(client);
  return client;
}

/** Closes every client made by {@link makeClient}. */
export function closeClients(): void {
  for (const client of openClients) client.close();
  openClients.clear();
}
