/**
 * The order of passes inside a scenario (BENCHMARKS.md rule 4): one discarded warm-up pass per
 * arm, then `rounds` rounds that each run every arm once, in the same order (bare, library,
 * bare, library, …), so pass i of every arm ran side by side and their ratio is paired.
 * @returns {Array<{ arm: string, round: number, warmup: boolean }>}
 */
export function interleave(arms, rounds = 3) {
  const steps = arms.map((arm) => ({ arm, round: -1, warmup: true }));
  for (let round = 0; round < rounds; round += 1) for (const arm of arms) steps.push({ arm, round, warmup: false });
  return steps;
}

/**
 * Runs `measure(arm, step)` along {@link interleave} and collects the measured passes by arm;
 * warm-up results are dropped.
 */
export async function runInterleaved(arms, rounds, measure) {
  const passes = Object.fromEntries(arms.map((arm) => [arm, []]));
  for (const step of interleave(arms, rounds)) {
    const pass = await measure(step.arm, step);
    if (!step.warmup) passes[step.arm].push(pass);
  }
  return passes;
}
