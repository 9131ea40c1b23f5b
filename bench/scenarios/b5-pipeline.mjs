// B5 — the per-event pipeline: client → server event with an ack (an RPC round trip), N clients ×
// 5 events/s, open loop. Library and hand-written arms answer from a decorated `@SubscribeMessage`
// handler behind a guard and a ValidationPipe (class-validator DTO); bare answers from
// `socket.on('rpc', (body, ack) => ack(...))`. Plus the single-client round trip.
import { decodeHistogram, summarizeMs } from '../lib/histogram.mjs';
import { tenantIds } from '../lib/identities.mjs';
import { runInterleaved } from '../lib/schedule.mjs';
import { armFigure } from '../report/figures.mjs';
import { passProblems } from '../report/rules.mjs';
import { TARGETS } from '../report/targets.mjs';

const ARMS = ['bare', 'handwritten', 'library'];
const TENANTS = tenantIds(10);
const SINGLE_RATE = 200;

export default {
  id: 'B5',
  title: 'Per-event pipeline (RPC with ack)',
  async run(ctx) {
    const { clients, ratePerClient, durationMs, singleCalls } = ctx.params.b5;
    const servers = {};
    await Promise.all(ARMS.map(async (arm) => (servers[arm] = await ctx.scope.server(arm, { presence: 'memory', rpc: true }, { sockets: clients + 1 }))));
    const generator = await ctx.scope.generator({ sockets: ARMS.length * (clients + 1) });
    for (const arm of ARMS) {
      for (const [group, people] of [
        [arm, { count: clients, tenants: TENANTS }],
        [`${arm}-single`, { count: 1, prefix: 'single-' }],
      ]) {
        const result = await generator.call('connect', { port: servers[arm].port, namespace: ctx.namespace, people, group, inFlight: 100 }, 300_000);
        if (result.failed > 0) throw new Error(`B5: ${result.failed} clients could not connect to ${arm}: ${JSON.stringify(result.failures)}`);
      }
    }

    const rpcPass = (label, group, rate, ms) => async (arm, step) => {
      const before = await servers[arm].call('cpu');
      const result = await generator.call('rpc', { group: group(arm), ratePerClient: rate, durationMs: step.warmup ? Math.min(ms, 1_000) : ms }, ms + 60_000);
      const after = await servers[arm].call('cpu');
      const rtt = summarizeMs(decodeHistogram(result.histogram));
      return ctx.pass({
        arm: `${arm}/${label}`,
        step,
        values: { rttP50: rtt.p50, rttP99: rtt.p99, cpuPerEvent: (after.micros - before.micros) / Math.max(1, result.acked), sent: result.sent, lost: result.lost },
        histograms: { rtt: result.histogram },
        generatorCpu: result.cpuFraction,
        loss: result.lost,
        problems: [
          ...passProblems({ generatorCpu: result.cpuFraction, lostAcks: result.lost }),
          ...(result.badAcks > 0 ? [`${result.badAcks} acks were refusals`] : []),
        ],
      });
    };
    ctx.log(`${clients} clients × ${ratePerClient}/s for ${durationMs} ms`);
    const loaded = await runInterleaved(ARMS, ctx.params.passes, rpcPass('loaded', (arm) => arm, ratePerClient, durationMs));
    ctx.log(`single client at ${SINGLE_RATE}/s`);
    const single = await runInterleaved(ARMS, ctx.params.passes, rpcPass('single', (arm) => `${arm}-single`, SINGLE_RATE, (singleCalls / SINGLE_RATE) * 1000));

    const scenario = 'B5';
    const rows = [
      armFigure({ scenario, figure: `ack round trip p50, ${clients} clients × ${ratePerClient}/s`, unit: 'ms', passes: loaded, metric: (v) => v.rttP50, target: TARGETS.rpcP50 }),
      armFigure({ scenario, figure: `ack round trip p99, ${clients} clients × ${ratePerClient}/s`, unit: 'ms', passes: loaded, metric: (v) => v.rttP99, target: TARGETS.rpcP99 }),
      armFigure({ scenario, figure: 'server CPU per event', unit: 'µs', passes: loaded, metric: (v) => v.cpuPerEvent, target: TARGETS.rpcCpu }),
      armFigure({ scenario, figure: `ack round trip p50, single client at ${SINGLE_RATE}/s`, unit: 'ms', passes: single, metric: (v) => v.rttP50, target: TARGETS.rpcSingleP50 }),
    ];
    return {
      rows,
      notes: [
        'Round trip = generator send → ack, both stamps on the generator\'s clock. Server CPU per event = the server process over the pass ÷ acked events (×1000 for the spec\'s "per 1k events").',
        'The library and hand-written arms run the same decorated handler (guard + ValidationPipe + class-validator DTO); the gap between them is the library\'s own per-event work.',
      ],
    };
  },
};
