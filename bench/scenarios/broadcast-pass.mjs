// One stamped broadcast pass, shared by B3, B4, B7 and B10: the generator starts recording, the
// publishing server emits `count` messages to a tenant room at `rate` per second (open loop), and
// the generator waits (bounded) for every expected delivery.
import { decodeHistogram, summarizeMs } from '../lib/histogram.mjs';
import { burstProblems, passProblems } from '../report/rules.mjs';

/** Deliveries still missing this long after the last emit count as lost. */
const DRAIN_MS = 5_000;

export async function broadcastPass({ publisher, generator, tenantId, rate, count, payloadBytes, observers = [] }) {
  const { recipients } = await generator.call('recordStart', { tenantId });
  const before = await Promise.all(observers.map((server) => server.call('cpu')));
  const emitted = await publisher.call('broadcast', { tenantId, rate, count, payloadBytes }, (count / rate) * 1000 + 60_000);
  const recorded = await generator.call('recordStop', { expected: emitted.sent * recipients, timeoutMs: DRAIN_MS }, DRAIN_MS + 30_000);
  const after = await Promise.all(observers.map((server) => server.call('cpu')));
  return { emitted, recorded, recipients, observerCpuMicros: after.map((reading, index) => reading.micros - before[index].micros) };
}

/** The figures of a single-node pass: latencies (ms), server CPU per recipient (µs), loss. */
export function broadcastValues({ emitted, recorded, recipients }) {
  const delivery = summarizeMs(decodeHistogram(recorded.delivery));
  const fanout = summarizeMs(decodeHistogram(recorded.fanout));
  const deliveries = emitted.sent * recipients;
  const cpuPerRecipient = deliveries > 0 ? emitted.cpuMicros / deliveries : null;
  return {
    deliveryP50: delivery.p50,
    deliveryP99: delivery.p99,
    deliveryP999: delivery.p999,
    fanoutP50: fanout.p50,
    fanoutP99: fanout.p99,
    cpuPerRecipient,
    emitPerRecipient: deliveries > 0 ? emitted.emitMicros / deliveries : null,
    deliveriesPerCoreSecond: cpuPerRecipient ? 1e6 / cpuPerRecipient : null,
    generatorPerDelivery: generatorMicrosPerDelivery(recorded),
    loss: recorded.loss,
  };
}

/** The generator's CPU µs per delivery over a pass. */
export function generatorMicrosPerDelivery(recorded) {
  return recorded.received > 0 ? (recorded.cpuFraction * recorded.wallMs * 1000) / recorded.received : null;
}

/**
 * Why a broadcast pass is invalid: generator CPU, loss, cross-tenant deliveries, the clock check,
 * and, where one server sent every delivery (`singleNode`), a generator slower per delivery than
 * that server.
 */
export function broadcastProblems({ emitted, recorded, recipients }, clockProblems = [], { singleNode = false } = {}) {
  const deliveries = emitted.sent * recipients;
  return [
    ...passProblems({ generatorCpu: recorded.cpuFraction, expected: recorded.expected, received: recorded.received, crossTenant: recorded.crossTenant }),
    ...(singleNode && deliveries > 0 ? burstProblems({ generatorMicrosPerDelivery: generatorMicrosPerDelivery(recorded), serverMicrosPerRecipient: emitted.cpuMicros / deliveries }) : []),
    ...clockProblems,
  ];
}
