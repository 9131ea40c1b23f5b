import type { ResolvedAdapterConnection } from '../options/resolved-realtime-options';
import type { AdapterRedisClient } from './adapter-options.interface';
import { loadOptionalPeer } from './optional-peer';

/** Milliseconds a publish may take, and the boot waits for a first connection, before giving up. */
const COMMAND_TIMEOUT_MS = 2_000;

/** The publishing client of an adapter and whether the module created it. */
export interface AdapterClients {
  publisher: AdapterRedisClient;
  /** The app's own subscriber, if it passed one; otherwise the adapter subscribes on a duplicate. */
  subscriber: AdapterRedisClient | undefined;
  /** `true` when the module created `publisher` from a URL, and so closes it. */
  owned: boolean;
}

/** The clients of `connection`: the app's own, or an ioredis client created from the URL. */
export async function adapterClients(connection: ResolvedAdapterConnection, feature: string): Promise<AdapterClients> {
  if (connection.source === 'client') return { publisher: connection.client, subscriber: connection.subClient, owned: false };
  const { Redis } = await loadOptionalPeer('ioredis', feature, () => import('ioredis'));
  const publisher = new Redis(connection.url, {
    connectTimeout: COMMAND_TIMEOUT_MS,
    commandTimeout: COMMAND_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
  });
  // Outages surface through health and the guard's log; without a listener ioredis would also
  // print every failed reconnection attempt.
  publisher.on('error', () => undefined);
  return { publisher, subscriber: undefined, owned: true };
}

/**
 * Resolves once `client` is ready, or after the connect timeout: Redis being away at boot
 * degrades the adapter (reported by health), it does not stop the app from starting.
 */
export function untilReady(client: AdapterRedisClient, timeoutMs = COMMAND_TIMEOUT_MS): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    timer.unref();
    client.on('ready', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/**
 * Closes a client the module created and resolves once its connection has ended: gracefully
 * when Redis answers, at once when it does not (a QUIT would wait for a connection that is not there).
 */
export async function closeOwnedClient(client: AdapterRedisClient): Promise<void> {
  if (client.status === 'end') return;
  if (client.status !== 'ready') {
    // Between reconnection attempts there is no connection to end, so ioredis emits no `end`.
    client.disconnect();
    return;
  }
  const ended = new Promise<void>((resolve) => client.on('end', () => resolve()));
  await client.quit().catch(() => client.disconnect());
  await ended;
}
