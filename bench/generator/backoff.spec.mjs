import { describe, expect, it } from 'vitest';
import { CLIENT_BACKOFF, reconnectDelay } from './backoff.mjs';

describe('reconnectDelay', () => {
  it('doubles from 1 s and stops at 5 s without jitter', () => {
    const plain = { ...CLIENT_BACKOFF, jitter: 0 };
    expect([0, 1, 2, 3, 4].map((attempt) => reconnectDelay(attempt, plain))).toEqual([1000, 2000, 4000, 5000, 5000]);
  });

  it('moves each delay by up to ±50% the way socket.io-client does', () => {
    // rand 0.3 → deviation 150 ms on 1 s; floor(3) is odd → added.
    expect(reconnectDelay(0, CLIENT_BACKOFF, () => 0.3)).toBe(1150);
    // rand 0.2 → deviation 100 ms; floor(2) is even → subtracted.
    expect(reconnectDelay(0, CLIENT_BACKOFF, () => 0.2)).toBe(900);
  });

  it('never leaves [0.5 s, 1.5 s] on the first attempt', () => {
    for (let i = 0; i < 200; i += 1) {
      const delay = reconnectDelay(0);
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(1500);
    }
  });
});
