import { describe, expect, it } from 'vitest';
import { broadcastRate, messagesFor, modeParams } from './params.mjs';

describe('modeParams', () => {
  it('runs quick mode at N = 1k with three passes and no soak', () => {
    const quick = modeParams();
    expect(quick.passes).toBe(3);
    expect(quick.b1.clients).toBe(1_000);
    expect(quick.b3.sizes).toEqual([1_000]);
    expect(quick.b10).toBeNull();
  });

  it('runs full mode at 1k / 5k / 10k with the soak', () => {
    const full = modeParams({ full: true });
    expect(full.b3.sizes).toEqual([1_000, 5_000, 10_000]);
    expect(full.b2.points).toEqual([1_000, 10_000]);
    expect(full.b10.minutes).toBe(30);
  });

  it('rescales every N for harness checks and shortens the soak', () => {
    const small = modeParams({ clients: 200 });
    expect(small.b1.clients).toBe(200);
    expect(small.b2.points).toEqual([50, 200]);
    const soak = modeParams({ full: true, soakMinutes: 3 });
    expect(soak.b10).toMatchObject({ minutes: 3, warmupMinutes: 1 });
  });
});

describe('messagesFor', () => {
  it('fills the pass at the rate, with at least 4 messages', () => {
    expect(messagesFor(5, 2)).toBe(10);
    expect(messagesFor(1, 2)).toBe(4);
  });
});

describe('broadcastRate', () => {
  it('stays below saturation: 5/s at 1k, 2/s at 5k, 1/s at 10k', () => {
    expect([1_000, 5_000, 10_000].map(broadcastRate)).toEqual([5, 2, 1]);
  });
});
