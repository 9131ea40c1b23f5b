import type { AdapterRedisClient } from '../adapter/adapter-options.interface';
import { closeOwnedClient, untilReady } from '../adapter/adapter-redis-clients';
import { guardRedisClient, type GuardedRedisClient } from '../adapter/guarded-redis-client';
import { loadOptionalPeer } from '../adapter/optional-peer';
import type { BroadcastTarget } from '../broadcast/broadcast-target';
import { EnvelopeBroadcaster, type PayloadLimits } from '../broadcast/envelope-broadcaster';
import { OptionProblems } from '../options/option-problems';
import { optionalPositiveInteger } from '../options/option-values';
import { LIMIT_DEFAULTS } from '../options/resolve-limits-options';
import { MEMBERSHIP_COMMAND_EVENT, membershipCommand } from '../broadcast/membership-command';
import { SharedAcrossBuilds } from '../shared-across-builds';

/** Options of {@link RealtimeEmitter.connect}. */
export interface RealtimeEmitterOptions {
  /**
   * A Redis URL; the emitter creates its ioredis client and closes it in {@link RealtimeEmitter.close}.
   * @default none; exactly one of `url`, `client` is required
   */
  url?: string;
  /**
   * An ioredis client owned by the application; never closed by the emitter.
   * @default none; exactly one of `url`, `client` is required
   */
  client?: AdapterRedisClient;
  /**
   * The Socket.IO namespace the servers serve, as in `RealtimeModule`'s `namespace`.
   * @default '/'
   */
  namespace?: string;
  /**
   * The servers' `adapter.keyPrefix`.
   * @default 'socket.io'
   */
  keyPrefix?: string;
  /**
   * Called when a message could not be handed to Redis (Redis away); the emit is lost, never
   * queued and replayed late.
   * @default undefined (lost emits are not reported)
   */
  onError?: (error: unknown) => void;
  /**
   * Deepest nesting of `data` the emitter sends; deeper data is refused with `INVALID_PAYLOAD`.
   * Keep it equal to the servers' `limits.maxPayloadDepth`.
   * @default 32
   */
  maxPayloadDepth?: number;
  /**
   * Largest envelope the emitter sends, in bytes; larger ones are refused with `PAYLOAD_TOO_LARGE`.
   * @default 1048576
   */
  maxEmitBytes?: number;
}

/** What {@link RealtimeEmitter.provider} returns: a Nest factory provider, typed without importing Nest. */
export interface RealtimeEmitterProvider<Token> {
  provide: Token;
  useFactory: () => Promise<RealtimeEmitter>;
}

interface SocketIoEmitter extends BroadcastTarget {
  of(namespace: string): SocketIoEmitter;
  serverSideEmit(event: string, ...args: unknown[]): void;
}

/**
 * Sends Tenantcast events from a process that serves no sockets (a queue worker, a cron job) to
 * the sockets of every server process: the same envelope, room names and event typing as
 * `RealtimeService`, from the same implementation. Built on `@socket.io/redis-emitter` (an
 * optional peer dependency), so the servers must use the classic Pub/Sub adapter
 * (`adapter: { type: 'redis' }`, not sharded, not streams) with the same `keyPrefix`.
 *
 * @typeParam Events - the application's server event map, as for `RealtimeService`.
 *
 * @example
 * ```ts
 * // plain Node
 * const emitter = await RealtimeEmitter.connect<RcaServerEvents>({ url: process.env.REDIS_URL, namespace: '/rca' });
 * emitter.emitToUser('acme', 'alice', 'notification', { notification: 'Report ready', from: 'worker' });
 * await emitter.close();
 *
 * // Nest: providers: [RealtimeEmitter.provider({ url, namespace: '/rca' })], then inject RealtimeEmitter
 * ```
 */
@SharedAcrossBuilds('RealtimeEmitter')
// `any` in the constraint lets interfaces (which lack index signatures) serve as event maps.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class RealtimeEmitter<Events extends Record<string, any> = Record<string, unknown>> extends EnvelopeBroadcaster<Events> {
  private constructor(
    private readonly emitter: SocketIoEmitter,
    private readonly guarded: GuardedRedisClient,
    private readonly owned: AdapterRedisClient | undefined,
    payloadLimits: PayloadLimits,
  ) {
    super(() => emitter, payloadLimits);
  }

  /**
   * Creates an emitter and waits (at most a few seconds) for Redis; with Redis away it is
   * returned anyway, and emits are dropped (reported to `onError`) until Redis returns.
   * @throws RealtimeConfigError for invalid options, or when `@socket.io/redis-emitter` (or, with
   * `url`, `ioredis`) is not installed
   */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  static async connect<Events extends Record<string, any> = Record<string, unknown>>(options: RealtimeEmitterOptions): Promise<RealtimeEmitter<Events>> {
    const problems = new OptionProblems();
    if ((options.url === undefined) === (options.client === undefined)) {
      problems.add("url / client: pass exactly one of `url` (a Redis URL such as 'redis://127.0.0.1:6379') and `client` (an ioredis client).");
    }
    const payloadLimits: PayloadLimits = {
      maxPayloadDepth: optionalPositiveInteger('maxPayloadDepth', options.maxPayloadDepth, LIMIT_DEFAULTS.maxPayloadDepth, problems),
      maxEmitBytes: optionalPositiveInteger('maxEmitBytes', options.maxEmitBytes, LIMIT_DEFAULTS.maxEmitBytes, problems),
    };
    problems.throwIfAny('RealtimeEmitter');
    const feature = 'RealtimeEmitter';
    const { Emitter } = await loadOptionalPeer('@socket.io/redis-emitter', feature, () => import('@socket.io/redis-emitter'));
    let raw = options.client;
    if (options.url !== undefined) {
      const { Redis } = await loadOptionalPeer('ioredis', feature, () => import('ioredis'));
      const client = new Redis(options.url, { connectTimeout: 2_000, maxRetriesPerRequest: 1 });
      client.on('error', () => undefined);
      raw = client;
    }
    const client = raw as AdapterRedisClient;
    const guarded = guardRedisClient(client, options.onError ?? (() => undefined));
    await untilReady(client);
    const emitter = new Emitter(guarded.client, { key: options.keyPrefix ?? 'socket.io' }).of(options.namespace ?? '/') as unknown as SocketIoEmitter;
    return new RealtimeEmitter<Events>(emitter, guarded, options.url === undefined ? undefined : client, payloadLimits);
  }

  /**
   * A Nest provider of a connected emitter under `provide` (default: the `RealtimeEmitter` class);
   * Nest closes it on shutdown.
   */
  static provider<Token = typeof RealtimeEmitter>(options: RealtimeEmitterOptions & { provide?: Token }): RealtimeEmitterProvider<Token> {
    const { provide = RealtimeEmitter as Token, ...connection } = options;
    return { provide, useFactory: () => RealtimeEmitter.connect(connection) };
  }

  /**
   * Asks every server process to put the user's connections into resource room `kind`/`id`, as
   * `RealtimeService.joinUser` does, without waiting for their answers (an emitter cannot hear them).
   * @throws RealtimeError `INVALID_ROOM` for an invalid tenant, user, kind or id
   */
  joinUser(tenantId: string, userId: string, kind: string, id: string): void {
    this.emitter.serverSideEmit(MEMBERSHIP_COMMAND_EVENT, membershipCommand('join', tenantId, userId, kind, id));
  }

  /** The counterpart of {@link joinUser}. */
  leaveUser(tenantId: string, userId: string, kind: string, id: string): void {
    this.emitter.serverSideEmit(MEMBERSHIP_COMMAND_EVENT, membershipCommand('leave', tenantId, userId, kind, id));
  }

  /** Whether Redis is reachable now. */
  isHealthy(): boolean {
    return this.guarded.isReady();
  }

  /** Closes the Redis client the emitter created from `url`; an application's own client stays open. */
  async close(): Promise<void> {
    if (this.owned) await closeOwnedClient(this.owned);
  }

  /** Nest's shutdown hook: {@link close}. */
  onApplicationShutdown(): Promise<void> {
    return this.close();
  }
}
