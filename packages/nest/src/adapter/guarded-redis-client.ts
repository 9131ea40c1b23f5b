import type { AdapterRedisClient } from './adapter-options.interface';

/**
 * Commands that only change what the client receives. Until the client is `ready` they are held
 * here and sent once it is, so subscriptions and stream reads resume by themselves. Held rather
 * than left to ioredis: a subscription written while the connection is still handshaking puts
 * it in subscriber mode before its ready check, which then fails and drops the subscription.
 */
const WAITING_COMMANDS: ReadonlySet<string> = new Set(['subscribe', 'psubscribe', 'ssubscribe', 'xread']);
/**
 * Unsubscriptions go to ioredis at once (queued there while Redis is away, so its record of the
 * subscriptions stays right for the resubscription), but nobody waits for them: closing an
 * adapter while Redis is down must not hang the shutdown.
 */
const UNSUBSCRIBE_COMMANDS: ReadonlySet<string> = new Set(['unsubscribe', 'punsubscribe', 'sunsubscribe']);
/** Commands the adapters send or query with. While Redis is away they fail at once. */
const SENDING_COMMANDS: ReadonlySet<string> = new Set(['publish', 'spublish', 'xadd', 'set', 'getdel', 'xrange', 'call', 'send_command', 'pubsub']);

/** Settings of every client the guard duplicates: they subscribe or block on reads, and wait for Redis rather than fail. */
const DUPLICATE_OVERRIDES = { lazyConnect: false, enableOfflineQueue: true, maxRetriesPerRequest: null, commandTimeout: undefined } as const;

/** The guarded client and the duplicates made from it, for health and shutdown. */
export interface GuardedRedisClient {
  /** What the adapter is given in place of the raw client. */
  readonly client: AdapterRedisClient;
  /** Whether the client and every duplicate are connected. */
  isReady(): boolean;
  /** Closes the duplicates made through the guard (the subscribers and stream readers). */
  closeDuplicates(): void;
}

type Command = (...args: unknown[]) => unknown;

/**
 * Puts a Redis client behind the rules the adapters need to survive an outage, whatever the
 * client's own settings:
 *
 * - the Socket.IO adapters fire commands without handling their rejections (`publish` in
 *   `@socket.io/redis-adapter`, subscriptions in all three); each promise is observed here and
 *   reported through `onFailure`, so an outage never becomes an unhandled rejection;
 * - sending commands fail at once while the client is not `ready`: the cluster adapters deliver
 *   to this process's sockets only after their publish settles, and a queued publish would be
 *   replayed, stale, when Redis returns;
 * - duplicates (subscribers, stream readers) wait for Redis instead, so they resume on their own.
 */
export function guardRedisClient(raw: AdapterRedisClient, onFailure: (error: unknown) => void): GuardedRedisClient {
  const duplicates: AdapterRedisClient[] = [];
  const client = guard(raw, onFailure, (made) => duplicates.push(made));
  return {
    client,
    isReady: () => raw.status === 'ready' && duplicates.every((duplicate) => duplicate.status === 'ready' || duplicate.status === 'end'),
    closeDuplicates: () => {
      for (const duplicate of duplicates.splice(0)) if (duplicate.status !== 'end') duplicate.disconnect();
    },
  };
}

function guard(raw: AdapterRedisClient, onFailure: (error: unknown) => void, onDuplicate: (duplicate: AdapterRedisClient) => void): AdapterRedisClient {
  return new Proxy(raw, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (property === 'options') return { ...(value as object), lazyConnect: false };
      if (typeof property !== 'string' || typeof value !== 'function') return value;
      if (property === 'duplicate') {
        return () => {
          // ioredis' Cluster takes (startupNodes, options) and keeps per-node settings in redisOptions.
          const made = isCluster(target)
            ? (value as Command).call(target, [], { lazyConnect: false, enableOfflineQueue: true, redisOptions: { ...clusterRedisOptions(target), maxRetriesPerRequest: null } })
            : (value as Command).call(target, DUPLICATE_OVERRIDES);
          const duplicate = made as AdapterRedisClient;
          duplicate.on('error', () => undefined);
          onDuplicate(duplicate);
          return guard(duplicate, onFailure, onDuplicate);
        };
      }
      const command = value as Command;
      if (WAITING_COMMANDS.has(property)) return (...args: unknown[]) => observe(whenReady(target, () => command.apply(target, args)), onFailure);
      if (UNSUBSCRIBE_COMMANDS.has(property)) {
        return (...args: unknown[]) => {
          const sent = observe(command.apply(target, args), onFailure);
          return target.status === 'ready' ? sent : Promise.resolve(0);
        };
      }
      if (SENDING_COMMANDS.has(property)) {
        return (...args: unknown[]) => (target.status === 'ready' ? observe(command.apply(target, args), onFailure) : refuse(property, target.status, args, onFailure));
      }
      return value;
    },
  });
}

const held = new WeakMap<AdapterRedisClient, Array<() => void>>();

/** Runs `send` now if `client` is ready, else once it is; resolves with its result. */
function whenReady(client: AdapterRedisClient, send: () => unknown): unknown {
  if (client.status === 'ready') return send();
  return new Promise((resolve, reject) => {
    let queue = held.get(client);
    if (!queue) {
      const created: Array<() => void> = [];
      queue = created;
      held.set(client, created);
      // One listener per client for every held command, not one per command.
      client.on('ready', () => {
        for (const release of created.splice(0)) release();
      });
    }
    queue.push(() => Promise.resolve(send()).then(resolve, reject));
  });
}

function isCluster(client: AdapterRedisClient): boolean {
  return (client as { isCluster?: unknown }).isCluster === true;
}

function clusterRedisOptions(client: AdapterRedisClient): object {
  return (client as { options?: { redisOptions?: object } }).options?.redisOptions ?? {};
}

function observe(result: unknown, onFailure: (error: unknown) => void): unknown {
  if (result instanceof Promise) result.catch(onFailure);
  return result;
}

/** Fails a command at once, through its callback if it has one (`send_command`), else a rejected promise. */
function refuse(command: string, status: string, args: unknown[], onFailure: (error: unknown) => void): Promise<never> {
  const error = new Error(`Redis is unavailable (client ${status}); '${command}' was not sent.`);
  const callback = args[args.length - 1];
  if (typeof callback === 'function') process.nextTick(() => (callback as (error: Error) => void)(error));
  const rejected = Promise.reject(error);
  rejected.catch(onFailure);
  return rejected;
}
