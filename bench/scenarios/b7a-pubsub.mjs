// B7a — two nodes on the Redis Pub/Sub adapter, publishing from node A. Reported only as ratios to
// the single-node case of the same run (BENCHMARKS.md rule 1): remote vs local delivery with one
// client per node and with N/2 per node, and fan-out completion of 2 × N/2 against N on one node.
// The library arm takes the module's `adapter` option; until the module has it, it is n/a.
import { MAIN_TENANT } from '../lib/identities.mjs';
import { runInterleaved } from '../lib/schedule.mjs';
import { armFigure } from '../report/figures.mjs';
import { TARGETS } from '../report/targets.mjs';
import { broadcastRate } from './params.mjs';
import { BACKGROUND_NICE, connectTo, multiNodePass, NOT_YET, recordMultiNodePass, startCluster } from './multinode.mjs';

const ADAPTER = 'redis';
const SOLO_RATE = 10;

export default {
  id: 'B7a',
  title: 'Two nodes, Redis Pub/Sub adapter',
  async run(ctx) {
    const { sizes, messages, singleMessages } = ctx.params.b7;
    const largest = sizes.at(-1);
    const clusters = {};
    const generators = {};
    let unavailable;
    for (const arm of ['bare', 'library']) {
      const redis = await ctx.scope.redis(arm);
      const cluster = await startCluster(ctx, arm, ADAPTER, redis, largest);
      if (cluster.unavailable) {
        unavailable = cluster.unavailable;
        ctx.log(`library arm not available: ${unavailable}`);
        continue;
      }
      clusters[arm] = cluster;
      generators[arm] = await ctx.scope.generator({ cpu: null, nice: BACKGROUND_NICE, sockets: largest + 2, label: `generator-${arm}` });
    }
    const arms = Object.keys(clusters);
    const each = (fn) => Promise.all(arms.map((arm) => fn(clusters[arm], generators[arm])));
    const step = (label, passRate, count) =>
      runInterleaved(arms, ctx.params.passes, async (arm, schedule) =>
        recordMultiNodePass(ctx, `${arm}/${label}`, schedule, await multiNodePass(ctx, { cluster: clusters[arm], generator: generators[arm], tenantId: MAIN_TENANT, rate: passRate, count: schedule.warmup ? Math.ceil(count / 3) : count })),
      );
    const scenario = 'B7a';
    const notYet = unavailable && NOT_YET;
    const rows = [];

    ctx.log('one client per node');
    await each(async (cluster, generator) => {
      await connectTo(ctx, generator, cluster.a, 'A', { count: 1, prefix: 'solo-a-' });
      await connectTo(ctx, generator, cluster.b, 'B', { count: 1, prefix: 'solo-b-' });
    });
    const solo = await step('1+1', SOLO_RATE, singleMessages);
    await each((cluster, generator) => generator.call('close', {}));
    rows.push(
      armFigure({ scenario, figure: 'remote − local delivery p50, 1 client per node', unit: 'ms', passes: solo, metric: (v) => v.remoteMinusLocalP50, target: TARGETS.remoteMinusLocal, unavailable: notYet }),
      armFigure({ scenario, figure: `Redis CPU at ${SOLO_RATE} broadcasts/s`, unit: '%', passes: solo, metric: (v) => v.redisCpuPercent, target: TARGETS.redisCpu, unavailable: notYet }),
    );
    const all = Object.fromEntries(arms.map((arm) => [arm, [...solo[arm]]]));

    for (const clients of sizes) {
      const half = Math.floor(clients / 2);
      const rate = broadcastRate(clients);
      ctx.log(`${half} clients per node`);
      await each(async (cluster, generator) => {
        await connectTo(ctx, generator, cluster.a, 'A', { count: half });
        await connectTo(ctx, generator, cluster.b, 'B', { count: half, from: half });
      });
      const spread = await step(`${half}+${half}`, rate, messages);
      ctx.log(`${2 * half} clients on node A alone`);
      await each(async (cluster, generator) => {
        await generator.call('close', { group: 'B' });
        await cluster.b.call('waitSockets', { count: 0 });
        await connectTo(ctx, generator, cluster.a, 'A', { count: half, from: half });
      });
      const single = await step(`${2 * half}+0`, rate, messages);
      await each(async (cluster, generator) => {
        await generator.call('close', {});
        await cluster.a.call('waitSockets', { count: 0 });
      });
      const fanoutRatio = {};
      for (const arm of arms) {
        fanoutRatio[arm] = spread[arm].map((pass, index) => ({ ...pass, values: { ratio: pass.values.fanoutP99 / single[arm][index].values.fanoutP99 } }));
        all[arm].push(...spread[arm], ...single[arm]);
      }
      rows.push(
        armFigure({ scenario, figure: `remote ÷ local delivery p50, ${half} per node`, unit: '×', passes: spread, metric: (v) => v.remoteOverLocalP50, target: TARGETS.remoteOverLocal, unavailable: notYet }),
        armFigure({ scenario, figure: `fan-out completion p99, 2 × ${half} ÷ ${2 * half} on one node`, unit: '×', passes: fanoutRatio, metric: (v) => v.ratio, target: TARGETS.multiOverSingleFanout, unavailable: notYet }),
        armFigure({ scenario, figure: `node B (adapter receive + fan-out) CPU per message, ${half} per node`, unit: 'µs', passes: spread, metric: (v) => v.nodeBCpuPerMessage, unavailable: notYet }),
        armFigure({ scenario, figure: `node A (publish + local fan-out) CPU per message, ${half} per node`, unit: 'µs', passes: spread, metric: (v) => v.nodeACpuPerMessage, unavailable: notYet }),
      );
    }
    rows.push(armFigure({ scenario, figure: 'loss, all steps', unit: '', passes: all, metric: (v) => v.loss, target: TARGETS.noLoss, unavailable: notYet }));
    return {
      rows,
      notes: [
        `Nodes on CPUs 0 and 1, generator and Redis niced (${BACKGROUND_NICE}/5), each arm with its own Redis; published on node A; ${messages} messages per pass at the B3 rate for N (${singleMessages} at ${SOLO_RATE}/s with one client per node).`,
        'Absolute multi-node latencies are not comparable to single-node scenarios (both cores are busy); only the ratios are reported.',
        ...(unavailable ? [`library arm: not available yet — ${unavailable}`] : []),
      ],
    };
  },
};
