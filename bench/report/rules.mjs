// When a measurement cannot be trusted, and whether a figure meets its target.

/** A generator above half of its core may be what limits the figure (BENCHMARKS.md rule 2). */
export const GENERATOR_CPU_LIMIT = 0.5;

/** One-way latency of a single client at a low rate above this means the process clocks disagree (rule 3). */
export const CLOCK_CHECK_LIMIT_MS = 0.5;

/**
 * Why a pass is invalid; empty when it is valid.
 * @param {{ generatorCpu?: number, expected?: number, received?: number, failedHandshakes?: number,
 *   crossTenant?: number, unhandledRejections?: number, lostAcks?: number }} pass
 */
export function passProblems(pass) {
  const problems = [];
  if (typeof pass.generatorCpu === 'number' && pass.generatorCpu > GENERATOR_CPU_LIMIT) {
    problems.push(`generator at ${Math.round(pass.generatorCpu * 100)}% of its core (limit ${GENERATOR_CPU_LIMIT * 100}%)`);
  }
  if (typeof pass.expected === 'number' && typeof pass.received === 'number' && pass.received !== pass.expected) {
    const gap = pass.expected - pass.received;
    problems.push(`received ${pass.received} of ${pass.expected} (${gap > 0 ? `loss ${gap}` : `${-gap} duplicates`})`);
  }
  if (pass.failedHandshakes > 0) problems.push(`${pass.failedHandshakes} failed handshakes`);
  if (pass.lostAcks > 0) problems.push(`${pass.lostAcks} acks missing`);
  if (pass.crossTenant > 0) problems.push(`${pass.crossTenant} cross-tenant deliveries`);
  if (pass.unhandledRejections > 0) problems.push(`${pass.unhandledRejections} unhandled rejections on the server`);
  return problems;
}

/**
 * Broadcasts arrive in bursts, so the generator's CPU share over a pass stays low even when it
 * is busy for the whole of every burst. It keeps up only while it spends less per delivery than
 * the server spends per recipient; otherwise the fan-out times are the generator's.
 */
export function burstProblems({ generatorMicrosPerDelivery, serverMicrosPerRecipient }) {
  if (!(generatorMicrosPerDelivery > 0) || !(serverMicrosPerRecipient > 0)) return [];
  if (generatorMicrosPerDelivery < serverMicrosPerRecipient) return [];
  return [`generator spent ${generatorMicrosPerDelivery.toFixed(1)} µs per delivery, the server ${serverMicrosPerRecipient.toFixed(1)} µs per recipient: it cannot keep up with a burst`];
}

const COMPARE = {
  '<=': (a, b) => a <= b,
  '<': (a, b) => a < b,
  '>=': (a, b) => a >= b,
  '>': (a, b) => a > b,
  '=': (a, b) => a === b,
};

/**
 * Checks a target against a figure row. `on` names the column the target applies to: `ratio`
 * (library ÷ bare), `library`, or `bare`.
 * @returns {'PASS' | 'FAIL' | 'N/A'}
 */
export function evaluateTarget(target, row) {
  if (!target) return 'N/A';
  const value = row[target.on];
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'N/A';
  const compare = COMPARE[target.op];
  if (!compare) throw new Error(`unknown target operator '${target.op}'`);
  return compare(value, target.value) ? 'PASS' : 'FAIL';
}

/**
 * The result of a figure: INVALID when any pass it rests on was (with the reasons), N/A when the
 * arm it needs did not run (with why), else PASS/FAIL against its target.
 */
export function figureStatus(row) {
  if (row.problems?.length > 0) return { status: 'INVALID', reasons: [...new Set(row.problems)] };
  if (row.unavailable) return { status: 'N/A', reasons: [row.unavailable] };
  return { status: evaluateTarget(row.target, row), reasons: [] };
}

/** The whole run is valid when no figure is INVALID; the reasons name each invalid figure. */
export function runVerdict(rows) {
  const reasons = rows.filter((row) => row.status === 'INVALID').map((row) => `${row.scenario} ${row.figure}: ${row.reasons.join('; ')}`);
  return { valid: reasons.length === 0, reasons };
}
