import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_RECONNECTION, nominalDelay, reconnectDelay, resolveReconnection } from './backoff';

describe('reconnection delays', () => {
  it('are 1, 2, 4, 8 s, then 8 s, for 10 attempts by default, exact with jitter 0', () => {
    const options = resolveReconnection({ jitter: 0 });
    const delays = Array.from({ length: options.maxAttempts }, (_, index) => reconnectDelay(index + 1, options));
    expect(delays).toEqual([1000, 2000, 4000, 8000, 8000, 8000, 8000, 8000, 8000, 8000]);
    expect(DEFAULT_RECONNECTION).toEqual({ delayMs: 1000, maxDelayMs: 8000, maxAttempts: 10, jitter: 0.2 });
  });

  it('stay within ±jitter of the nominal delay, capped attempts included', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 200 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 60_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempt, delayMs, extra, jitter, random) => {
          const options = { delayMs, maxDelayMs: delayMs + extra, jitter };
          const nominal = nominalDelay(attempt, options);
          const delay = reconnectDelay(attempt, options, () => random);
          expect(nominal).toBeLessThanOrEqual(options.maxDelayMs);
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(Math.floor(nominal * (1 - jitter)));
          expect(delay).toBeLessThanOrEqual(Math.ceil(nominal * (1 + jitter)));
        },
      ),
    );
  });

  it('spread capped attempts instead of clamping them all to the cap', () => {
    const options = resolveReconnection({});
    const capped = [0, 0.25, 0.5, 0.75, 0.999].map((random) => reconnectDelay(9, options, () => random));
    expect(new Set(capped).size).toBe(capped.length);
    expect(Math.min(...capped)).toBe(6400);
    expect(Math.max(...capped)).toBeGreaterThan(options.maxDelayMs);
  });

  it('double from delayMs and never exceed the cap (nominal)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 0, max: 50_000 }), (attempt, delayMs, extra) => {
        const options = { delayMs, maxDelayMs: delayMs + extra };
        const expected = Math.min(delayMs * 2 ** Math.min(attempt - 1, 31), delayMs + extra);
        expect(nominalDelay(attempt, options)).toBe(expected);
        expect(nominalDelay(attempt + 1, options)).toBeGreaterThanOrEqual(nominalDelay(attempt, options));
      }),
    );
  });

  it('refuse options that cannot work, naming the option', () => {
    expect(() => resolveReconnection({ delayMs: -1 })).toThrow(/reconnection\.delayMs/);
    expect(() => resolveReconnection({ delayMs: 100, maxDelayMs: 50 })).toThrow(/reconnection\.maxDelayMs/);
    expect(() => resolveReconnection({ maxAttempts: 1.5 })).toThrow(/reconnection\.maxAttempts/);
    expect(() => resolveReconnection({ jitter: 2 })).toThrow(/reconnection\.jitter/);
    expect(resolveReconnection({ maxAttempts: Infinity, delayMs: undefined }).maxAttempts).toBe(Infinity);
    expect(resolveReconnection({ delayMs: undefined }).delayMs).toBe(1000);
  });
});
