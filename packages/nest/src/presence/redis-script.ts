import { createHash } from 'node:crypto';
import type { RedisPresenceClient } from './redis-presence-options.interface';

/**
 * A Lua script run with `EVALSHA`: one round trip, the body sent only when Redis does not have it
 * cached yet (first use, or after a restart or `SCRIPT FLUSH`). Needs nothing beyond
 * `evalsha`/`eval`, so it works with a plain client and with a Cluster alike.
 */
export class RedisScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** Runs the script; `keys` must all carry the same hash tag in Redis Cluster. */
  async run(client: RedisPresenceClient, keys: readonly string[], args: ReadonlyArray<string | number>): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      // EVAL caches the script again, so later calls are back to EVALSHA.
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

function isNoScript(error: unknown): boolean {
  return error instanceof Error && error.message.startsWith('NOSCRIPT');
}
