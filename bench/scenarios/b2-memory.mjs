// B2 — memory per idle connection, with a realistic gateway (10 message handlers, 2 rooms per
// socket). Per connection = slope of heap and RSS (after gc() twice) between N1 and N2 idle
// connections. Each pass is a churn wave 0 → N1 → N2 → 0, so the three passes are also the three
// churn waves after which the heap must be back within 5% of its pre-wave baseline.
import { tenantIds } from '../lib/identities.mjs';
import { runInterleaved } from '../lib/schedule.mjs';
import { armFigure, valueFigure } from '../report/figures.mjs';
import { passProblems } from '../report/rules.mjs';
import { TARGETS } from '../report/targets.mjs';

const ARMS = ['bare', 'handwritten', 'library'];
const TENANTS = tenantIds(10);
const KB = 1024;

export default {
  id: 'B2',
  title: 'Memory per idle connection',
  async run(ctx) {
    const { points, handlers } = ctx.params.b2;
    const [low, high] = points;
    const scope = ctx.scope;
    const servers = {};
    await Promise.all(ARMS.map(async (arm) => (servers[arm] = await scope.server(arm, { presence: 'memory', handlers }, { sockets: high }))));
    const generator = await scope.generator({ sockets: high });
    const baseline = {};

    const connect = async (server, from, count) => {
      const result = await generator.call('connect', { port: server.port, namespace: ctx.namespace, people: { from, count, tenants: TENANTS }, inFlight: 100 }, 300_000);
      await server.call('waitSockets', { count: from + result.connected });
      return result.failed;
    };
    const wave = async (arm, step) => {
      const server = servers[arm];
      let failed = await connect(server, 0, low);
      const atLow = await server.call('stats', { gc: true });
      failed += await connect(server, low, high - low);
      const atHigh = await server.call('stats', { gc: true });
      await generator.call('close', {});
      await server.call('waitIdle', { tenants: TENANTS });
      const after = await server.call('stats', { gc: true });
      if (step.warmup) {
        baseline[arm] = after.heapUsed;
        return undefined;
      }
      const values = {
        heapPerConnectionKB: (atHigh.heapUsed - atLow.heapUsed) / (high - low) / KB,
        rssPerConnectionKB: (atHigh.rss - atLow.rss) / (high - low) / KB,
        heapAtZeroMB: after.heapUsed / 2 ** 20,
        driftPercent: ((after.heapUsed - baseline[arm]) / baseline[arm]) * 100,
        failed,
      };
      return ctx.pass({ arm, step, values, problems: passProblems({ failedHandshakes: failed }) });
    };
    const passes = await runInterleaved(ARMS, ctx.params.passes, wave);

    const scenario = 'B2';
    const lastWave = (arm) => passes[arm].at(-1)?.values.driftPercent ?? null;
    const rows = [
      armFigure({ scenario, figure: `heap per idle connection (slope ${low}→${high})`, unit: 'KB', passes, metric: (v) => v.heapPerConnectionKB, target: TARGETS.heapPerConnection }),
      armFigure({ scenario, figure: 'heap per idle connection, floor', unit: 'KB', passes, metric: (v) => v.heapPerConnectionKB, target: TARGETS.heapFloor }),
      armFigure({ scenario, figure: `RSS per idle connection (slope ${low}→${high})`, unit: 'KB', passes, metric: (v) => v.rssPerConnectionKB, target: TARGETS.rssPerConnection }),
      armFigure({ scenario, figure: 'RSS per idle connection, floor', unit: 'KB', passes, metric: (v) => v.rssPerConnectionKB, target: TARGETS.rssFloor }),
      valueFigure({
        scenario,
        figure: 'heap after 3 churn waves vs pre-wave baseline',
        unit: '%',
        bare: lastWave('bare'),
        handwritten: lastWave('handwritten'),
        library: lastWave('library'),
        ratio: null,
        target: TARGETS.churnDrift,
        problems: ARMS.flatMap((arm) => passes[arm].flatMap((pass) => pass.problems)),
      }),
    ];
    return {
      rows,
      notes: [
        `Idle sockets over ${TENANTS.length} tenants; every arm has ${handlers} message handlers per socket and joins the tenant and user rooms; the library and hand-written arms keep memory presence.`,
        'Figures after gc() twice (--expose-gc); per connection = difference between the two points divided by the connections added.',
        'bare discards the handshake request (`rawSocket.request = null`, as the socket.io memory guide advises); the library and hand-written arms keep Nest\'s default.',
      ],
    };
  },
};
