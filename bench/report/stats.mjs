// The arithmetic of the report: medians, the median of per-pass ratios, slopes.

/** The median of numbers (the mean of the middle two for an even count); `null` when empty. */
export function median(values) {
  const sorted = values.filter((value) => typeof value === 'number' && Number.isFinite(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return null;
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** `value / base`, or `null` when either is missing or the base is 0. */
export function ratio(value, base) {
  if (typeof value !== 'number' || typeof base !== 'number' || !Number.isFinite(value) || !Number.isFinite(base) || base === 0) return null;
  return value / base;
}

/**
 * The median of the per-pass ratios `values[i] / bases[i]` (BENCHMARKS.md rule 4: each pass of
 * an arm is paired with the pass of the baseline that ran next to it).
 */
export function medianRatio(values, bases) {
  const ratios = [];
  for (let i = 0; i < Math.min(values.length, bases.length); i += 1) ratios.push(ratio(values[i], bases[i]));
  return median(ratios.filter((value) => value !== null));
}

/** Least-squares slope of `points` `[x, y]`; `null` with fewer than two distinct x. */
export function slope(points) {
  const valid = points.filter(([x, y]) => Number.isFinite(x) && Number.isFinite(y));
  if (valid.length < 2) return null;
  const meanX = valid.reduce((sum, [x]) => sum + x, 0) / valid.length;
  const meanY = valid.reduce((sum, [, y]) => sum + y, 0) / valid.length;
  let numerator = 0;
  let denominator = 0;
  for (const [x, y] of valid) {
    numerator += (x - meanX) * (y - meanY);
    denominator += (x - meanX) ** 2;
  }
  return denominator === 0 ? null : numerator / denominator;
}

/** The time by which `fraction` of the (sorted or not) `times` had happened; `null` when too few. */
export function timeToFraction(times, expected, fraction) {
  const needed = Math.ceil(expected * fraction);
  if (needed === 0) return 0;
  if (times.length < needed) return null;
  return [...times].sort((a, b) => a - b)[needed - 1];
}

/** Rounds to `digits` significant digits for display and JSON (keeps integers ≥ 1000 whole). */
export function significant(value, digits = 3) {
  if (typeof value !== 'number' || !Number.isFinite(value)) return value ?? null;
  if (value === 0) return 0;
  if (Math.abs(value) >= 10 ** digits) return Math.round(value);
  return Number(value.toPrecision(digits));
}
