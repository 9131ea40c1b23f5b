// B8 — the typed client wrapper in Node against raw socket.io-client: heap per instance, cold
// connect time, and client CPU per received message with K instances in one process receiving
// 10 messages/s each from a library server. A fresh client process per pass; raw is the bare arm.
import { fileURLToPath } from 'node:url';
import { decodeHistogram, summarizeMs } from '../lib/histogram.mjs';
import { GENERATOR_CPU } from '../lib/harness.mjs';
import { MAIN_TENANT } from '../lib/identities.mjs';
import { runInterleaved } from '../lib/schedule.mjs';
import { armFigure } from '../report/figures.mjs';
import { TARGETS } from '../report/targets.mjs';

const CLIENT_HOST = fileURLToPath(new URL('../clients/client-host.mjs', import.meta.url));
const KIND = { bare: 'raw', library: 'wrapped' };

export default {
  id: 'B8',
  title: 'Typed client wrapper vs socket.io-client',
  async run(ctx) {
    const { clients, ratePerSecond, durationMs } = ctx.params.b8;
    const server = await ctx.scope.server('library', { presence: 'memory' }, { sockets: clients });
    const url = `http://127.0.0.1:${server.port}`;

    const pass = async (arm, step) => {
      const host = await ctx.scope.process(CLIENT_HOST, { cpu: GENERATOR_CPU, sockets: clients, label: `client-${KIND[arm]}`, execArgv: ['--expose-gc'] });
      try {
        const { heapUsed: before } = await host.call('heap');
        const opened = await host.call('open', { kind: KIND[arm], url, namespace: ctx.namespace, count: clients }, 300_000);
        const { heapUsed: after } = await host.call('heap');
        await server.call('waitSockets', { count: clients });
        // Warm the receive path before it is measured.
        await host.call('startCounting');
        const warm = await server.call('broadcast', { tenantId: MAIN_TENANT, rate: ratePerSecond, count: ratePerSecond, payloadBytes: 100 }, 60_000);
        await host.call('stopCounting', { expected: warm.sent * clients });
        const count = Math.round((ratePerSecond * (step.warmup ? Math.min(durationMs, 1_000) : durationMs)) / 1000);
        await host.call('startCounting');
        const emitted = await server.call('broadcast', { tenantId: MAIN_TENANT, rate: ratePerSecond, count, payloadBytes: 100 }, 60_000 + durationMs);
        const counted = await host.call('stopCounting', { expected: emitted.sent * clients }, 60_000);
        const connect = summarizeMs(decodeHistogram(opened.histogram));
        const loss = counted.expected - counted.received;
        return ctx.pass({
          arm: KIND[arm],
          step,
          values: { heapPerInstanceKB: (after - before) / clients / 1024, cpuPerMessage: counted.cpuMicros / Math.max(1, counted.received), connectP50: connect.p50, clientCpu: counted.cpuMicros / 1000 / counted.wallMs },
          histograms: { connect: opened.histogram },
          loss,
          problems: loss === 0 ? [] : [`received ${counted.received} of ${counted.expected}`],
        });
      } finally {
        await ctx.scope.stop(host);
        await server.call('waitIdle', { tenants: [MAIN_TENANT] });
      }
    };
    const passes = await runInterleaved(['bare', 'library'], ctx.params.passes, pass);

    const scenario = 'B8';
    return {
      rows: [
        armFigure({ scenario, figure: `client CPU per received message, ${clients} instances × ${ratePerSecond}/s`, unit: 'µs', passes, metric: (v) => v.cpuPerMessage, target: TARGETS.clientCpu }),
        armFigure({ scenario, figure: 'heap per client instance', unit: 'KB', passes, metric: (v) => v.heapPerInstanceKB, target: TARGETS.clientHeap }),
        armFigure({ scenario, figure: 'cold connect p50 (creation → connected, 25 at a time)', unit: 'ms', passes, metric: (v) => v.connectP50 }),
      ],
      notes: [
        'bare = raw socket.io-client; library = @tenantcast/client (createRealtimeClient). Both connect to the same library server (JWT, memory presence) and receive its envelopes.',
        'The client process is pinned to CPU 1, the server to CPU 0; the client process\'s own CPU is the measured figure, so no generator rule applies.',
      ],
    };
  },
};
