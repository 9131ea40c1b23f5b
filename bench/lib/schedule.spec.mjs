import { describe, expect, it } from 'vitest';
import { interleave, runInterleaved } from './schedule.mjs';

describe('interleave', () => {
  it('warms every arm up once, then runs bare, library, bare, library, … in rounds', () => {
    expect(interleave(['bare', 'library'], 3).map(({ arm, round, warmup }) => `${arm}:${warmup ? 'w' : round}`)).toEqual([
      'bare:w',
      'library:w',
      'bare:0',
      'library:0',
      'bare:1',
      'library:1',
      'bare:2',
      'library:2',
    ]);
  });
});

describe('runInterleaved', () => {
  it('keeps measured passes by arm in round order and drops the warm-ups', async () => {
    const seen = [];
    const passes = await runInterleaved(['bare', 'handwritten', 'library'], 2, async (arm, step) => {
      seen.push(arm);
      return `${arm}${step.warmup ? '-warm' : step.round}`;
    });
    expect(seen).toEqual(['bare', 'handwritten', 'library', 'bare', 'handwritten', 'library', 'bare', 'handwritten', 'library']);
    expect(passes).toEqual({ bare: ['bare0', 'bare1'], handwritten: ['handwritten0', 'handwritten1'], library: ['library0', 'library1'] });
  });
});
