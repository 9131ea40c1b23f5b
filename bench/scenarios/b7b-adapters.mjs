// B7b — the same two-node broadcast on each adapter (Pub/Sub as the reference, the streams
// adapter, and in full mode the sharded Pub/Sub adapter, Redis ≥ 7), reported as ratios to
// Pub/Sub in the same run; cross-node query latency (fetchSockets from node A, and the library's
// presence count); and in full mode loss across a 2 s Redis restart on the streams adapter.
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeHistogram, summarizeMs } from '../lib/histogram.mjs';
import { MAIN_TENANT } from '../lib/identities.mjs';
import { runInterleaved } from '../lib/schedule.mjs';
import { armFigure } from '../report/figures.mjs';
import { TARGETS } from '../report/targets.mjs';
import { broadcastRate } from './params.mjs';
import { BACKGROUND_NICE, connectTo, multiNodePass, NOT_YET, recordMultiNodePass, startCluster, stopCluster } from './multinode.mjs';

const REFERENCE = 'redis';
const RESTART_DOWN_MS = 2_000;

export default {
  id: 'B7b',
  title: 'Two nodes, adapters compared',
  async run(ctx) {
    const { sizes, messages, adapters, restart, queryCalls } = ctx.params.b7;
    const clients = sizes.at(-1);
    const half = Math.floor(clients / 2);
    const rate = broadcastRate(clients);
    const redises = { bare: await ctx.scope.redis('bare'), library: await ctx.scope.redis('library') };
    // Sharded Pub/Sub (SPUBLISH) needs Redis 7.
    const shardedOk = Number(redises.bare.version.split('.')[0]) >= 7;
    const types = [REFERENCE, ...adapters.filter((type) => type !== REFERENCE && (type !== 'redis-sharded' || shardedOk))];
    const results = {};
    const unavailable = {};
    for (const type of types) {
      ctx.log(`${type}: ${half} clients per node`);
      const clusters = {};
      const generators = {};
      for (const arm of ['bare', 'library']) {
        const cluster = await startCluster(ctx, arm, type, redises[arm], clients);
        if (cluster.unavailable) {
          unavailable[type] = cluster.unavailable;
          continue;
        }
        clusters[arm] = cluster;
        generators[arm] = await ctx.scope.generator({ cpu: null, nice: BACKGROUND_NICE, sockets: clients, label: `generator-${arm}-${type}` });
        await connectTo(ctx, generators[arm], cluster.a, 'A', { count: half });
        await connectTo(ctx, generators[arm], cluster.b, 'B', { count: half, from: half });
      }
      const arms = Object.keys(clusters);
      const broadcasts = await runInterleaved(arms, ctx.params.passes, async (arm, step) =>
        recordMultiNodePass(ctx, `${arm}/${type}`, step, await multiNodePass(ctx, { cluster: clusters[arm], generator: generators[arm], tenantId: MAIN_TENANT, rate, count: step.warmup ? Math.ceil(messages / 3) : messages })),
      );
      const queries = await runInterleaved(arms, ctx.params.passes, async (arm, step) => {
        const calls = step.warmup ? Math.ceil(queryCalls / 5) : queryCalls;
        const sockets = await clusters[arm].a.call('fetchSockets', { tenantId: MAIN_TENANT, calls }, 120_000);
        const presence = arm === 'library' ? await clusters[arm].a.call('presenceQuery', { impl: 'library', op: 'count', tenantId: MAIN_TENANT, userIds: ['user-0'], calls }, 120_000) : null;
        const problems = sockets.found === 2 * half ? [] : [`fetchSockets found ${sockets.found} of ${2 * half}`];
        return ctx.pass({
          arm: `${arm}/${type}/query`,
          step,
          values: { fetchSocketsP99: summarizeMs(decodeHistogram(sockets.histogram)).p99, presenceCountP99: presence ? summarizeMs(decodeHistogram(presence.histogram)).p99 : null },
          histograms: { fetchSockets: sockets.histogram, presenceCount: presence?.histogram },
          problems,
        });
      });
      let restarts;
      if (restart && type === 'redis-streams') {
        restarts = {};
        for (const arm of arms) restarts[arm] = [await restartPass(ctx, { cluster: clusters[arm], generator: generators[arm], rate, label: `${arm}/${type}/restart` })];
      }
      results[type] = { broadcasts, queries, restarts };
      for (const arm of arms) {
        await ctx.scope.stop(generators[arm]);
        await stopCluster(ctx, clusters[arm]);
        await redises[arm].admin.flushall();
      }
    }

    const scenario = 'B7b';
    const rows = [];
    const reference = results[REFERENCE].broadcasts;
    for (const type of types) {
      const { broadcasts, queries, restarts } = results[type];
      if (type !== REFERENCE) {
        const relative = {};
        for (const arm of Object.keys(broadcasts)) {
          if (!reference[arm]) continue;
          relative[arm] = broadcasts[arm].map((pass, index) => ({ ...pass, values: { ratio: pass.values.deliveryP99 / reference[arm][index].values.deliveryP99 } }));
        }
        rows.push(armFigure({ scenario, figure: `delivery p99, ${type} ÷ ${REFERENCE} (Pub/Sub)`, unit: '×', passes: relative, metric: (v) => v.ratio, target: TARGETS.streamsOverPubsubP99, unavailable: (unavailable[type] ?? unavailable[REFERENCE]) && NOT_YET }));
      }
      rows.push(
        armFigure({ scenario, figure: `delivery p99, ${type}, ${half} per node`, unit: 'ms', passes: broadcasts, metric: (v) => v.deliveryP99, unavailable: unavailable[type] && NOT_YET }),
        armFigure({ scenario, figure: `cross-node fetchSockets p99, ${type}`, unit: 'ms', passes: queries, metric: (v) => v.fetchSocketsP99, target: TARGETS.crossNodeQueryP99, unavailable: unavailable[type] && NOT_YET }),
        armFigure({ scenario, figure: `presence count p99 (Redis presence), ${type}`, unit: 'ms', passes: { library: queries.library }, metric: (v) => v.presenceCountP99, target: TARGETS.crossNodeQueryP99, unavailable: unavailable[type] && NOT_YET }),
        armFigure({ scenario, figure: `loss, ${type}`, unit: '', passes: broadcasts, metric: (v) => v.loss, target: TARGETS.noLoss, unavailable: unavailable[type] && NOT_YET }),
      );
      if (restarts) rows.push(armFigure({ scenario, figure: `loss across a ${RESTART_DOWN_MS / 1000} s Redis restart, ${type}`, unit: '', passes: restarts, metric: (v) => v.loss, target: TARGETS.noLoss, unavailable: unavailable[type] && NOT_YET }));
    }
    return {
      rows,
      notes: [
        `Adapters: ${types.join(', ')}; ${half} clients per node, ${messages} messages per pass at ${rate}/s from node A; ${queryCalls} sequential cross-node queries per pass from node A.`,
        ...(adapters.includes('redis-sharded') && !shardedOk ? [`redis-sharded skipped: Redis ${redises.bare.version} has no sharded Pub/Sub (needs 7)`] : []),
        ...Object.entries(unavailable).map(([type, why]) => `library arm with ${type}: not available yet — ${why}`),
      ],
    };
  },
};

/**
 * Broadcasts for 6 s while Redis goes down for 2 s and comes back empty; loss counts what never
 * arrived. Not a measured latency: the delivery figures of this pass are not reported.
 */
async function restartPass(ctx, { cluster, generator, rate, label }) {
  const count = rate * 6;
  const pass = multiNodePass(ctx, { cluster, generator, tenantId: MAIN_TENANT, rate, count });
  await sleep(1_500);
  await cluster.redis.restart(RESTART_DOWN_MS);
  const result = await pass;
  return ctx.pass({ arm: label, step: { round: 0, warmup: false }, values: { loss: result.values.loss }, loss: result.values.loss, problems: [] });
}
