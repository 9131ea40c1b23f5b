// What a scenario works with: servers under test and generators in their own pinned processes,
// the run's Redis, and the run's record of passes. Everything a scope starts is stopped by
// `close()`, which each scenario calls in `finally`.
import { fileURLToPath } from 'node:url';
import { planSockets } from './limits.mjs';
import { startNode, stopProcess } from './processes.mjs';
import { startRedis } from './redis-server.mjs';
import { rpcClient } from './rpc.mjs';
import { BENCH_SECRET } from './tokens.mjs';

const HOST = fileURLToPath(new URL('../arms/host.mjs', import.meta.url));
const GENERATOR = fileURLToPath(new URL('../generator/generator.mjs', import.meta.url));

/** CPUs of the spec's layout: the server under test on 0, the load generator on 1. */
export const SERVER_CPU = 0;
export const GENERATOR_CPU = 1;

export class Scope {
  /**
   * @param {{ runId: string, logFile: (label: string) => string, redis: () => Promise<{ url: string }> }} run
   * @param {string} scenario
   */
  constructor(run, scenario) {
    this.run = run;
    this.scenario = scenario;
    this.started = [];
    this.redises = [];
  }

  /**
   * Boots `arm` (bare | library | handwritten) in a server process. Resolves with its RPC handle,
   * port and adapter, or `{ unavailable }` when the library lacks what the config asks for.
   */
  async server(arm, config = {}, { cpu = SERVER_CPU, sockets = 1_000, label = arm, nice } = {}) {
    const { nofile } = planSockets(sockets);
    const name = `${this.scenario}-${label}`;
    const child = startNode(HOST, [], { cpu, nice, nofile, execArgv: ['--expose-gc', ...(this.run.serverFlags?.(name) ?? [])], log: this.run.logFile(name) });
    const rpc = rpcClient(child, name);
    this.started.push(rpc);
    await rpc.ready();
    const needsRedis = config.presence === 'redis' || config.adapter;
    const redisUrl = config.redisUrl ?? (needsRedis ? (await this.run.redis()).url : undefined);
    const full = { secret: BENCH_SECRET, redisUrl, keyPrefix: needsRedis ? `tcbench:${this.run.runId}:${name}` : undefined, ...config };
    if (full.adapter) full.adapter = { url: redisUrl, ...full.adapter };
    const info = await rpc.call('start', { arm, config: full }, 90_000);
    if (info.unavailable) {
      await this.stop(rpc);
      return { unavailable: info.unavailable };
    }
    return Object.assign(rpc, { arm, label, port: info.port, adapter: info.adapter, keyPrefix: full.keyPrefix });
  }

  /** Starts a load generator process that will hold up to `sockets` clients. */
  async generator({ cpu = GENERATOR_CPU, sockets = 1_000, label = 'generator', nice } = {}) {
    const { nofile } = planSockets(sockets);
    const name = `${this.scenario}-${label}`;
    const child = startNode(GENERATOR, [], { cpu, nice, nofile, log: this.run.logFile(name) });
    const rpc = rpcClient(child, name);
    this.started.push(rpc);
    await rpc.ready();
    return rpc;
  }

  /** Starts any bench process that serves RPC (B8's client host). */
  async process(script, { cpu, sockets = 1_000, label, execArgv = [], args = [] }) {
    const { nofile } = planSockets(sockets);
    const name = `${this.scenario}-${label}`;
    const child = startNode(script, args, { cpu, nofile, execArgv, log: this.run.logFile(name) });
    const rpc = rpcClient(child, name);
    this.started.push(rpc);
    await rpc.ready();
    return rpc;
  }

  /** A Redis of this scope alone (stopped by `close()`), for arms that must not share one. */
  async redis(label) {
    const redis = await startRedis({ log: this.run.logFile(`${this.scenario}-redis-${label}`) });
    this.redises.push(redis);
    return redis;
  }

  /** Stops one process: its own `stop` command when it has one, then a signal. */
  async stop(rpc) {
    this.started = this.started.filter((other) => other !== rpc);
    const stopped = await rpc.call('stop', {}, 10_000).then(
      () => true,
      () => false,
    );
    // A process that acknowledged `stop` exits by itself (writing its profiles); others get a signal.
    await stopProcess(rpc.child, 'SIGTERM', 3_000, stopped ? 10_000 : 0);
  }

  /** Stops everything this scope started. */
  async close() {
    await Promise.all([...this.started].map((rpc) => this.stop(rpc)));
    await Promise.all(this.redises.splice(0).map((redis) => redis.stop()));
  }
}
