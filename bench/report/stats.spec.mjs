import { describe, expect, it } from 'vitest';
import { median, medianRatio, ratio, significant, slope, timeToFraction } from './stats.mjs';

describe('median', () => {
  it('takes the middle value of an odd count and the mean of the middle two of an even count', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('ignores missing values and answers null when nothing is left', () => {
    expect(median([null, 5, undefined, Number.NaN])).toBe(5);
    expect(median([])).toBeNull();
  });
});

describe('ratio and medianRatio', () => {
  it('refuses a zero or missing base instead of answering Infinity', () => {
    expect(ratio(1, 0)).toBeNull();
    expect(ratio(null, 2)).toBeNull();
    expect(ratio(3, 2)).toBe(1.5);
  });

  it('pairs pass i of the arm with pass i of the baseline, then takes the median of those ratios', () => {
    // Per-pass ratios 2, 1.5, 0.5 → median 1.5; the ratio of the medians would be 4/4 = 1.
    expect(medianRatio([4, 3, 5], [2, 2, 10])).toBe(1.5);
  });

  it('drops pairs where either side is missing', () => {
    expect(medianRatio([4, null, 9], [2, 2, 3])).toBe(2.5);
  });
});

describe('slope', () => {
  it('fits a least-squares line', () => {
    expect(slope([[0, 1], [1, 3], [2, 5]])).toBeCloseTo(2);
    expect(slope([[1, 10], [2, 10], [3, 10]])).toBe(0);
  });

  it('needs two distinct x values', () => {
    expect(slope([[1, 2]])).toBeNull();
    expect(slope([[1, 2], [1, 3]])).toBeNull();
  });
});

describe('timeToFraction', () => {
  it('answers when the ceil(expected × fraction)-th event happened', () => {
    const times = [50, 10, 40, 20, 30];
    expect(timeToFraction(times, 5, 0.99)).toBe(50);
    expect(timeToFraction(times, 5, 0.6)).toBe(30);
  });

  it('answers null when fewer than that many events happened', () => {
    expect(timeToFraction([10, 20], 5, 0.99)).toBeNull();
  });
});

describe('significant', () => {
  it('keeps three significant digits below 1000 and whole numbers above', () => {
    expect(significant(0.0123456)).toBe(0.0123);
    expect(significant(12.3456)).toBe(12.3);
    expect(significant(12_345.6)).toBe(12_346);
    expect(significant(null)).toBeNull();
  });
});
