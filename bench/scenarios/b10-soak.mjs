// B10 — soak (full mode only): N connected over 10 tenants, 1 broadcast/s to each tenant room,
// 1% of the clients churning every minute, for 30 minutes. Both arms run at the same time (their
// servers share CPU 0, their generators CPU 1), so they see the same machine; heap and RSS are
// sampled every minute after gc(), delivery p99 per minute. Slopes are fitted after the warm-up.
import { decodeHistogram, summarizeMs } from '../lib/histogram.mjs';
import { tenantIds } from '../lib/identities.mjs';
import { valueFigure } from '../report/figures.mjs';
import { passProblems } from '../report/rules.mjs';
import { slope } from '../report/stats.mjs';
import { TARGETS } from '../report/targets.mjs';

const ARMS = ['bare', 'library'];
const MB = 2 ** 20;

export default {
  id: 'B10',
  title: 'Soak',
  async run(ctx) {
    const settings = ctx.params.b10;
    if (!settings) return { rows: [], skipped: 'full mode only (npm run bench -- --full)' };
    const { minutes, warmupMinutes, clients, tenants: tenantCount, churnPerMinute } = settings;
    const tenants = tenantIds(tenantCount);
    const servers = {};
    const generators = {};
    await Promise.all(
      ARMS.map(async (arm) => {
        servers[arm] = await ctx.scope.server(arm, { presence: 'memory', handlers: 10 }, { sockets: clients });
        generators[arm] = await ctx.scope.generator({ sockets: clients, label: `generator-${arm}` });
        const result = await generators[arm].call('connect', { port: servers[arm].port, namespace: ctx.namespace, people: { count: clients, tenants }, inFlight: 50 }, 600_000);
        if (result.failed > 0) throw new Error(`B10: ${result.failed} clients could not connect to ${arm}`);
        await generators[arm].call('recordStart', {});
      }),
    );
    const samples = { bare: [], library: [] };
    for (let minute = 1; minute <= minutes; minute += 1) {
      await Promise.all(
        ARMS.map(async (arm) => {
          const sent = await Promise.all(tenants.map((tenantId) => servers[arm].call('broadcast', { tenantId, rate: 1, count: 60, payloadBytes: 100 }, 120_000)));
          const window = await generators[arm].call('recordSnapshot');
          const stats = await servers[arm].call('stats', { gc: true });
          const expected = sent.reduce((sum, burst) => sum + burst.recipients, 0);
          const delivery = summarizeMs(decodeHistogram(window.delivery));
          const values = { minute, heapMB: stats.heapUsed / MB, rssMB: stats.rss / MB, deliveryP99: delivery.p99, received: window.received, expected };
          samples[arm].push(ctx.pass({ arm, step: { round: minute, warmup: minute <= warmupMinutes }, values, histograms: { delivery: window.delivery }, generatorCpu: window.cpuFraction, problems: [...passProblems({ generatorCpu: window.cpuFraction }), ...ctx.clockProblems] }));
          await generators[arm].call('churn', { count: Math.max(1, Math.round(clients * churnPerMinute)) }, 120_000);
        }),
      );
      ctx.log(`minute ${minute}/${minutes}`);
    }

    const after = (arm) => samples[arm].filter((sample) => sample.values.minute > warmupMinutes);
    const slopePer10 = (arm, field) => {
      const fitted = slope(after(arm).map((sample) => [sample.values.minute, sample.values[field]]));
      return fitted === null ? null : fitted * 10;
    };
    const drift = (arm) => {
      const first = samples[arm].find((sample) => sample.values.minute === Math.min(warmupMinutes, minutes))?.values.deliveryP99;
      const last = samples[arm].at(-1)?.values.deliveryP99;
      return first && last ? last / first : null;
    };
    const problems = ARMS.flatMap((arm) => after(arm).flatMap((sample) => sample.problems));
    const heapBare = slopePer10('bare', 'heapMB');
    const heapLibrary = slopePer10('library', 'heapMB');
    const scenario = 'B10';
    return {
      rows: [
        valueFigure({ scenario, figure: 'heap slope after warm-up', unit: 'MB/10 min', bare: heapBare, library: heapLibrary, ratio: null, target: TARGETS.soakSlope, problems }),
        valueFigure({ scenario, figure: 'heap slope, library − bare', unit: 'MB/10 min', library: heapLibrary === null || heapBare === null ? null : heapLibrary - heapBare, target: TARGETS.soakSlopeOverBare, problems }),
        valueFigure({ scenario, figure: 'RSS slope after warm-up', unit: 'MB/10 min', bare: slopePer10('bare', 'rssMB'), library: slopePer10('library', 'rssMB'), ratio: null, problems }),
        valueFigure({ scenario, figure: `delivery p99, minute ${minutes} ÷ minute ${Math.min(warmupMinutes, minutes)}`, unit: '×', bare: drift('bare'), library: drift('library'), ratio: null, target: TARGETS.soakP99Drift, problems }),
        valueFigure({
          scenario,
          figure: 'deliveries missed (churning clients miss what is sent while they reconnect)',
          unit: '',
          bare: samples.bare.reduce((sum, s) => sum + s.values.expected - s.values.received, 0),
          library: samples.library.reduce((sum, s) => sum + s.values.expected - s.values.received, 0),
          ratio: null,
          problems,
        }),
      ],
      notes: [`${minutes} minutes (${warmupMinutes} warm-up), ${clients} clients per arm over ${tenants.length} tenants with 10 handlers each, 1 broadcast/s per tenant, ${Math.round(churnPerMinute * 100)}% churn per minute; both arms at once.`],
    };
  },
};
