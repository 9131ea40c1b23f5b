// What B7a and B7b share: a two-node cluster per arm (servers on CPUs 0 and 1, each arm with its
// own Redis so the arms' channels never mix), a niced unpinned generator per arm holding clients
// of both nodes in groups A and B, and the figures of a broadcast published on node A.
import { decodeHistogram, summarizeMs } from '../lib/histogram.mjs';
import { broadcastPass, broadcastProblems } from './broadcast-pass.mjs';

/** What a row shows while the library lacks the adapter option; the notes carry the full reason. */
export const NOT_YET = 'library arm not available yet (see notes)';

/** Niceness of the generator and Redis in multi-node runs (BENCHMARKS.md rule 1). */
export const BACKGROUND_NICE = 10;

/**
 * Starts node A and node B of `arm` with `adapterType` on `redis`. The library arm also keeps its
 * presence in that Redis, as a multi-process deployment does. `{ unavailable }` when the library
 * has no such adapter option yet.
 */
export async function startCluster(ctx, arm, adapterType, redis, sockets) {
  // Both nodes of a cluster share one presence key prefix, as the processes of one deployment do.
  const presence = arm === 'library' ? { presence: 'redis', keyPrefix: `tcbench:${ctx.run.runId}:${ctx.id}-${adapterType}` } : {};
  const config = { adapter: { type: adapterType, url: redis.url }, redisUrl: redis.url, ...presence };
  const a = await ctx.scope.server(arm, config, { cpu: 0, sockets, label: `${arm}-${adapterType}-A` });
  if (a.unavailable) return { unavailable: a.unavailable };
  const b = await ctx.scope.server(arm, config, { cpu: 1, sockets, label: `${arm}-${adapterType}-B` });
  return { a, b, redis };
}

export async function stopCluster(ctx, cluster) {
  if (cluster?.a) await ctx.scope.stop(cluster.a);
  if (cluster?.b) await ctx.scope.stop(cluster.b);
}

/** Connects `count` people to one node, in the group named after the node. */
export async function connectTo(ctx, generator, server, group, people) {
  const result = await generator.call('connect', { port: server.port, namespace: ctx.namespace, people, group, inFlight: 100 }, 300_000);
  if (result.failed > 0) throw new Error(`${ctx.id}: ${result.failed} clients could not connect to node ${group}: ${JSON.stringify(result.failures)}`);
  return result;
}

/** One broadcast from node A; figures per node, fan-out overall, CPU of both nodes and Redis. */
export async function multiNodePass(ctx, { cluster, generator, tenantId, rate, count, payloadBytes = 100 }) {
  const redisCpu = await cluster.redis.cpuSeconds();
  const outcome = await broadcastPass({ publisher: cluster.a, generator, tenantId, rate, count, payloadBytes, observers: [cluster.b] });
  const redisSeconds = (await cluster.redis.cpuSeconds()) - redisCpu;
  const group = (name) => {
    const entry = outcome.recorded.groups[name];
    return entry ? summarizeMs(decodeHistogram(entry.delivery)) : { p50: null, p99: null };
  };
  const local = group('A');
  const remote = group('B');
  const fanout = summarizeMs(decodeHistogram(outcome.recorded.fanout));
  const sent = outcome.emitted.sent;
  return {
    outcome,
    values: {
      localP50: local.p50,
      localP99: local.p99,
      remoteP50: remote.p50,
      remoteP99: remote.p99,
      deliveryP99: summarizeMs(decodeHistogram(outcome.recorded.delivery)).p99,
      remoteMinusLocalP50: remote.p50 === null || local.p50 === null ? null : remote.p50 - local.p50,
      remoteOverLocalP50: remote.p50 === null || !local.p50 ? null : remote.p50 / local.p50,
      fanoutP99: fanout.p99,
      nodeACpuPerMessage: sent ? outcome.emitted.cpuMicros / sent : null,
      nodeBCpuPerMessage: sent ? outcome.observerCpuMicros[0] / sent : null,
      redisCpuPercent: (redisSeconds / (outcome.recorded.wallMs / 1000)) * 100,
      loss: outcome.recorded.loss,
    },
    problems: broadcastProblems(outcome, ctx.clockProblems),
  };
}

/** Records a multi-node pass through `ctx.pass`. */
export function recordMultiNodePass(ctx, label, step, { outcome, values, problems }) {
  return ctx.pass({
    arm: label,
    step,
    values,
    histograms: {
      deliveryA: outcome.recorded.groups.A?.delivery,
      deliveryB: outcome.recorded.groups.B?.delivery,
      fanout: outcome.recorded.fanout,
    },
    generatorCpu: outcome.recorded.cpuFraction,
    loss: outcome.recorded.loss,
    problems,
  });
}
