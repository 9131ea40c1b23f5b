import { REDIS_URL, deleteKeys, uniquePrefix } from '@tenantcast/test-support';
import type { Socket } from 'socket.io-client';
import { connectClient, request } from '../support/clients';
import { ClusterNode, type ClusterNodeEnv } from '../support/cluster-node';
import { tokenFor } from '../support/tokens';

/** The adapter types every multi-process suite runs over. */
export const ADAPTER_TYPES = ['redis', 'redis-sharded', 'redis-streams'] as const;
export type AdapterType = (typeof ADAPTER_TYPES)[number];

/** Scaled-down timers; every bound the suites assert is a formula of these. */
export const TIMERS = {
  ttlMs: 1_500,
  sweepMs: 300,
  pingIntervalMs: 500,
  pingTimeoutMs: 3_000,
  requestsTimeoutMs: 1_000,
} as const;

/** A crashed process's connections are gone from presence, with leave events, within this. */
export const CRASH_BOUND_MS = TIMERS.ttlMs + TIMERS.sweepMs;

/**
 * Headroom for what the bounds do not model: one Redis round trip and one cross-process delivery
 * on a shared, loaded 2-core machine.
 */
export const DELIVERY_SLACK_MS = 700;

/** Processes, clients and Redis keys of one suite; everything it starts, it stops. */
export class Cluster {
  readonly nodes: ClusterNode[] = [];
  private readonly sockets: Socket[] = [];
  readonly presencePrefix = uniquePrefix('cluster-presence');
  readonly adapterPrefix = uniquePrefix('cluster-adapter');

  constructor(
    readonly adapter: AdapterType | 'memory',
    private readonly redisUrl = REDIS_URL,
    private readonly extraEnv: Partial<ClusterNodeEnv> = {},
  ) {}

  /** Starts one process of the cluster. */
  async start(id: string, env: Partial<ClusterNodeEnv> = {}): Promise<ClusterNode> {
    const node = await ClusterNode.start({
      NODE_ID: id,
      TC_ADAPTER: this.adapter,
      TC_REDIS_URL: this.redisUrl,
      TC_KEY_PREFIX: this.presencePrefix,
      TC_ADAPTER_PREFIX: this.adapterPrefix,
      TC_TTL_MS: String(TIMERS.ttlMs),
      TC_SWEEP_MS: String(TIMERS.sweepMs),
      TC_PING_INTERVAL: String(TIMERS.pingIntervalMs),
      TC_PING_TIMEOUT: String(TIMERS.pingTimeoutMs),
      TC_REQUESTS_TIMEOUT_MS: String(TIMERS.requestsTimeoutMs),
      ...this.extraEnv,
      ...env,
    });
    this.nodes.push(node);
    return node;
  }

  /** Connects `userId` of `tenantId` straight to `node` (no reconnection) and joins `rooms` (rca ids). */
  async connect(node: ClusterNode | string, userId: string, tenantId: string, rooms: string[] = [], options: Parameters<typeof connectClient>[3] = {}): Promise<Socket> {
    const url = typeof node === 'string' ? node : node.url;
    const { socket } = await connectClient(url, '/rca', tokenFor(userId, tenantId), options);
    this.sockets.push(socket);
    for (const id of rooms) await request(socket, 'join', { kind: 'rca', id });
    return socket;
  }

  /** Closes every client, stops every process, deletes the suite's keys. */
  async close(): Promise<void> {
    for (const socket of this.sockets.splice(0)) socket.close();
    await Promise.all(this.nodes.map((node) => node.stop()));
    if (this.redisUrl === REDIS_URL) await deleteKeys(this.presencePrefix);
    if (this.redisUrl === REDIS_URL) await deleteKeys(this.adapterPrefix);
  }

  /** Every unhandled rejection or uncaught exception any process reported. */
  fatalLines(): string[] {
    return this.nodes.flatMap((node) => node.fatalLines().map((line) => `${node.id}: ${line}`));
  }
}
