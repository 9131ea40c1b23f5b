import { describe, expect, it } from 'vitest';
import { FD_OVERHEAD, fdPlan, fdsNeeded, portBudget } from './limits.mjs';

describe('fdsNeeded', () => {
  it('counts one end of every connection plus headroom', () => {
    expect(fdsNeeded(10_000)).toBe(11_000 + FD_OVERHEAD);
  });
});

describe('fdPlan', () => {
  it('needs nothing when the soft limit is enough', () => {
    expect(fdPlan({ soft: 20_000, hard: 20_000, needed: 11_256, isRoot: false })).toEqual({});
  });

  it('raises the soft limit up to the hard one', () => {
    expect(fdPlan({ soft: 1_024, hard: 65_536, needed: 11_256, isRoot: false })).toEqual({ nofile: '11256:' });
  });

  it('raises both for root, and says what to do otherwise', () => {
    expect(fdPlan({ soft: 1_024, hard: 4_096, needed: 11_256, isRoot: true })).toEqual({ nofile: '11256:11256' });
    expect(fdPlan({ soft: 1_024, hard: 4_096, needed: 11_256, isRoot: false }).error).toMatch(/hard limit is 4096/);
  });
});

describe('portBudget', () => {
  it('leaves a tenth of the ephemeral range free', () => {
    expect(portBudget({ low: 32_768, high: 60_999 })).toBe(25_408);
  });
});
