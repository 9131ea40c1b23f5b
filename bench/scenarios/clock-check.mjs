// The cross-process clock check (BENCHMARKS.md rule 3): one client of a bare server, stamped
// messages at a low rate; the one-way p50 must stay within 0.5 ms, or the server's stamps and
// the generator's clock disagree and one-way latencies cannot be trusted.
import { decodeHistogram, summarizeMs } from '../lib/histogram.mjs';
import { MAIN_TENANT } from '../lib/identities.mjs';
import { CLOCK_CHECK_LIMIT_MS } from '../report/rules.mjs';
import { significant } from '../report/stats.mjs';

export async function clockCheck(scope, namespace, { messages = 200, rate = 100 } = {}) {
  const server = await scope.server('bare', {}, { sockets: 10, label: 'clock' });
  const generator = await scope.generator({ sockets: 10, label: 'clock-generator' });
  await generator.call('connect', { port: server.port, namespace, people: { count: 1, prefix: 'clock-' } });
  await generator.call('recordStart', { tenantId: MAIN_TENANT });
  const { sent } = await server.call('broadcast', { tenantId: MAIN_TENANT, rate, count: messages, payloadBytes: 100 }, 60_000);
  const result = await generator.call('recordStop', { expected: sent, timeoutMs: 5_000 });
  const latency = summarizeMs(decodeHistogram(result.delivery));
  await scope.close();
  return {
    p50Ms: significant(latency.p50),
    p99Ms: significant(latency.p99),
    negativeLatencies: result.negativeLatencies,
    loss: result.loss,
    ok: latency.p50 !== null && latency.p50 <= CLOCK_CHECK_LIMIT_MS && result.loss === 0,
    histogram: result.delivery,
  };
}
