// B3 — broadcast fan-out to one tenant room of N (1k quick; 1k / 5k / 10k full), 100 B and 1 KB
// payloads, at a rate below saturation. The library emits through RealtimeService.emitToTenant
// (its envelope included); bare emits the same data with `to(room).emit`.
import { MAIN_TENANT } from '../lib/identities.mjs';
import { runInterleaved } from '../lib/schedule.mjs';
import { armFigure } from '../report/figures.mjs';
import { TARGETS } from '../report/targets.mjs';
import { broadcastRate, messagesFor } from './params.mjs';
import { broadcastPass, broadcastProblems, broadcastValues } from './broadcast-pass.mjs';

const ARMS = ['bare', 'library'];

export default {
  id: 'B3',
  title: 'Broadcast fan-out to one tenant room',
  async run(ctx) {
    const { sizes, payloads, passSeconds, warmupSeconds } = ctx.params.b3;
    const rows = [];
    for (const clients of sizes) {
      const rate = broadcastRate(clients);
      const messages = messagesFor(rate, passSeconds);
      const warmupMessages = messagesFor(rate, warmupSeconds);
      const servers = {};
      const generators = {};
      await Promise.all(
        ARMS.map(async (arm) => {
          servers[arm] = await ctx.scope.server(arm, { presence: 'memory' }, { sockets: clients, label: `${arm}-${clients}` });
          generators[arm] = await ctx.scope.generator({ sockets: clients, label: `generator-${arm}-${clients}` });
          const connected = await generators[arm].call('connect', { port: servers[arm].port, namespace: ctx.namespace, people: { count: clients }, inFlight: 100 }, 300_000);
          if (connected.failed > 0) throw new Error(`B3: ${connected.failed} of ${clients} clients could not connect to ${arm}: ${JSON.stringify(connected.failures)}`);
        }),
      );
      for (const payloadBytes of payloads) {
        ctx.log(`${clients} clients, ${payloadBytes} B at ${rate}/s`);
        const passes = await runInterleaved(ARMS, ctx.params.passes, async (arm, step) => {
          const outcome = await broadcastPass({ publisher: servers[arm], generator: generators[arm], tenantId: MAIN_TENANT, rate, count: step.warmup ? warmupMessages : messages, payloadBytes });
          return ctx.pass({
            arm: `${arm}@${clients}/${payloadBytes}B`,
            step,
            values: broadcastValues(outcome),
            histograms: { delivery: outcome.recorded.delivery, fanout: outcome.recorded.fanout },
            generatorCpu: outcome.recorded.cpuFraction,
            loss: outcome.recorded.loss,
            problems: broadcastProblems(outcome, ctx.clockProblems, { singleNode: true }),
          });
        });
        rows.push(...fanoutRows('B3', `${clients} × ${payloadBytes} B`, clients, passes));
      }
      for (const arm of ARMS) {
        await ctx.scope.stop(generators[arm]);
        await ctx.scope.stop(servers[arm]);
      }
    }
    return {
      rows,
      notes: [
        `One tenant room holding every client; passes of ${passSeconds} s at 5/s (1k), 2/s (5k), 1/s (10k), at least 4 messages; each message stamped at emit with performance.timeOrigin + performance.now().`,
        'delivery = per recipient; fan-out completion = per message, until its last recipient; server CPU = the publishing process over the burst ÷ deliveries.',
      ],
    };
  },
};

/** The rows of one broadcast case, shared with B7's single-node reference. */
export function fanoutRows(scenario, label, clients, passes) {
  const row = (figure, unit, metric, target) => armFigure({ scenario, figure: `${figure}, ${label}`, unit, passes, metric, target });
  return [
    row('server CPU per recipient', 'µs', (v) => v.cpuPerRecipient, TARGETS.cpuPerRecipient),
    row('emit call per recipient (sync part)', 'µs', (v) => v.emitPerRecipient),
    row('delivery p50', 'ms', (v) => v.deliveryP50, TARGETS.deliveryP50),
    row('delivery p99', 'ms', (v) => v.deliveryP99, TARGETS.deliveryP99),
    row('delivery p99.9', 'ms', (v) => v.deliveryP999),
    row('fan-out completion p50', 'ms', (v) => v.fanoutP50),
    row('fan-out completion p99', 'ms', (v) => v.fanoutP99, TARGETS.fanoutP99),
    row('fan-out completion p99, floor', 'ms', (v) => v.fanoutP99, TARGETS.fanoutFloor(clients)),
    row('deliveries per server core-second', '/s', (v) => v.deliveriesPerCoreSecond, TARGETS.deliveriesPerCore),
    row('generator CPU per delivery', 'µs', (v) => v.generatorPerDelivery),
  ];
}
