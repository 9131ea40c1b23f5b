// B4 — tenant isolation. A tenant room of 1k, broadcast to first with only that room connected,
// then with many more connections in 9 other tenants. The cost must be O(room), not O(total):
// delivery p50 with everyone connected ≤ 1.05 × p50 with the room alone. Every client checks the
// tenant of what it receives; one delivery to another tenant is a failure.
import { MAIN_TENANT, tenantIds } from '../lib/identities.mjs';
import { runInterleaved } from '../lib/schedule.mjs';
import { armFigure, valueFigure } from '../report/figures.mjs';
import { median } from '../report/stats.mjs';
import { TARGETS } from '../report/targets.mjs';
import { broadcastRate } from './params.mjs';
import { broadcastPass, broadcastProblems, broadcastValues } from './broadcast-pass.mjs';
import { fanoutRows } from './b3-fanout.mjs';

const ARMS = ['bare', 'library'];

export default {
  id: 'B4',
  title: 'Tenant isolation',
  async run(ctx) {
    const { room, others, tenants, messages, warmupMessages } = ctx.params.b4;
    const otherTenants = tenantIds(tenants).filter((tenantId) => tenantId !== MAIN_TENANT);
    const rate = broadcastRate(room);
    const total = room + others;
    const servers = {};
    const generators = {};
    await Promise.all(
      ARMS.map(async (arm) => {
        servers[arm] = await ctx.scope.server(arm, { presence: 'memory' }, { sockets: total });
        generators[arm] = await ctx.scope.generator({ sockets: total, label: `generator-${arm}` });
      }),
    );
    const connect = async (arm, people) => {
      const result = await generators[arm].call('connect', { port: servers[arm].port, namespace: ctx.namespace, people, inFlight: 100 }, 300_000);
      if (result.failed > 0) throw new Error(`B4: ${result.failed} clients could not connect to ${arm}: ${JSON.stringify(result.failures)}`);
    };
    const phase = (label) =>
      runInterleaved(ARMS, ctx.params.passes, async (arm, step) => {
        const outcome = await broadcastPass({ publisher: servers[arm], generator: generators[arm], tenantId: MAIN_TENANT, rate, count: step.warmup ? warmupMessages : messages, payloadBytes: 100 });
        return ctx.pass({
          arm: `${arm}/${label}`,
          step,
          values: { ...broadcastValues(outcome), crossTenant: outcome.recorded.crossTenant },
          histograms: { delivery: outcome.recorded.delivery, fanout: outcome.recorded.fanout },
          generatorCpu: outcome.recorded.cpuFraction,
          loss: outcome.recorded.loss,
          problems: broadcastProblems(outcome, ctx.clockProblems, { singleNode: true }),
        });
      });

    await Promise.all(ARMS.map((arm) => connect(arm, { count: room, tenants: [MAIN_TENANT] })));
    ctx.log(`room of ${room} alone`);
    const alone = await phase('room-alone');
    await Promise.all(ARMS.map((arm) => connect(arm, { count: others, from: room, prefix: 'other-', tenants: otherTenants })));
    ctx.log(`room of ${room} among ${total} connections`);
    const crowded = await phase('crowded');

    const growth = (arm) => median(crowded[arm].map((pass) => pass.values.deliveryP50)) / median(alone[arm].map((pass) => pass.values.deliveryP50));
    const problems = ARMS.flatMap((arm) => [...alone[arm], ...crowded[arm]].flatMap((pass) => pass.problems));
    const crossTenant = (arm) => [...alone[arm], ...crowded[arm]].reduce((sum, pass) => sum + pass.values.crossTenant, 0);
    const rows = [
      valueFigure({
        scenario: 'B4',
        figure: `delivery p50 among ${total} ÷ p50 with the room alone`,
        unit: '×',
        bare: growth('bare'),
        library: growth('library'),
        ratio: null,
        target: TARGETS.isolationP50,
        problems,
      }),
      valueFigure({ scenario: 'B4', figure: 'cross-tenant deliveries', unit: '', bare: crossTenant('bare'), library: crossTenant('library'), ratio: null, target: TARGETS.noCrossTenant, problems }),
      ...fanoutRows('B4', `room of ${room} among ${total}`, room, crowded),
      armFigure({ scenario: 'B4', figure: `delivery p50, room of ${room} alone`, unit: 'ms', passes: alone, metric: (v) => v.deliveryP50 }),
    ];
    return {
      rows,
      notes: [`Room: ${room} clients of ${MAIN_TENANT}; others: ${others} clients over ${otherTenants.length} other tenants; 100 B at ${rate}/s, ${messages} messages per pass.`],
    };
  },
};
