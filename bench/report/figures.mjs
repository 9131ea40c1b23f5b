// Figure rows: one reported number per arm (the median of its passes), the median of the
// per-pass ratios, the target, and the result.
import { figureStatus } from './rules.mjs';
import { median, medianRatio, significant } from './stats.mjs';

/** The arms a row can show, in column order. */
export const ARMS = Object.freeze(['bare', 'handwritten', 'library']);

/**
 * A target: `on` is the column checked (`ratio` = library ÷ bare, `library`, `bare`), `op` one of
 * `<=`, `<`, `>=`, `>`, `=`, `source` where the bar comes from.
 */
export function target(on, op, value, { unit = on === 'ratio' ? '×' : '', source } = {}) {
  return { on, op, value, unit, source };
}

/**
 * A row from interleaved passes: `passes[arm]` is the list of measured passes of that arm (in
 * the order they ran, so pass i of each arm ran side by side), each `{ values, problems,
 * generatorCpu, loss }`; `metric(values)` picks the number. An arm that did not run is absent or
 * `null`; `unavailable` says why the library arm could not run.
 */
export function armFigure({ scenario, figure, unit, passes, metric, target: bar, unavailable, note }) {
  const valuesOf = (arm) => (passes[arm] ?? []).map((pass) => metric(pass.values));
  const bare = valuesOf('bare');
  const library = valuesOf('library');
  const handwritten = valuesOf('handwritten');
  const all = ARMS.flatMap((arm) => passes[arm] ?? []);
  const row = {
    type: 'figure',
    scenario,
    figure,
    unit,
    bare: significant(median(bare)),
    handwritten: significant(median(handwritten)),
    library: significant(median(library)),
    ratio: significant(medianRatio(library, bare)),
    ratioHand: significant(medianRatio(library, handwritten)),
    target: bar,
    generatorCpu: maxOf(all.map((pass) => pass.generatorCpu)),
    loss: sumOf(all.map((pass) => pass.loss)),
    problems: all.flatMap((pass) => pass.problems ?? []),
    unavailable: library.some((value) => typeof value === 'number') ? undefined : unavailable,
    note,
  };
  return settle(row);
}

/** A row of single values (a microbench, a derived figure), with the same columns; `ratio: null` for none. */
export function valueFigure({ scenario, figure, unit, bare = null, handwritten = null, library = null, ratio, target: bar, problems = [], unavailable, note, generatorCpu = null, loss = null }) {
  const row = {
    type: 'figure',
    scenario,
    figure,
    unit,
    bare: significant(bare),
    handwritten: significant(handwritten),
    library: significant(library),
    ratio: significant(ratio !== undefined ? ratio : typeof library === 'number' && typeof bare === 'number' && bare !== 0 ? library / bare : null),
    ratioHand: significant(typeof library === 'number' && typeof handwritten === 'number' && handwritten !== 0 ? library / handwritten : null),
    target: bar,
    generatorCpu,
    loss,
    problems,
    unavailable: library === null ? unavailable : undefined,
    note,
  };
  return settle(row);
}

function settle(row) {
  const { status, reasons } = figureStatus(row);
  const { problems, ...rest } = row;
  return { ...rest, status, reasons, generatorCpu: row.generatorCpu === null ? null : significant(row.generatorCpu, 2) };
}

function maxOf(values) {
  const numbers = values.filter((value) => typeof value === 'number');
  return numbers.length ? Math.max(...numbers) : null;
}

function sumOf(values) {
  const numbers = values.filter((value) => typeof value === 'number');
  return numbers.length ? numbers.reduce((sum, value) => sum + value, 0) : null;
}
