import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeadlineQueue } from './deadline-queue';

describe('DeadlineQueue', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('fires each deadline once, at its time, in time order, whatever the order they were added in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5_000 }), { maxLength: 60 }), (delays) => {
        vi.setSystemTime(1_000_000);
        const fired: Array<[number, number]> = [];
        const queue = new DeadlineQueue<number>((index) => fired.push([index, Date.now()]));
        delays.forEach((delay, index) => queue.add(1_000_000 + delay, index));
        vi.advanceTimersByTime(6_000);
        expect(fired.map(([index]) => index).sort((a, b) => a - b)).toEqual(delays.map((_, index) => index));
        for (const [index, at] of fired) expect(at).toBeGreaterThanOrEqual(1_000_000 + delays[index]!);
        const times = fired.map(([index]) => delays[index]!);
        expect(times).toEqual([...times].sort((a, b) => a - b));
        queue.clear();
      }),
    );
  });

  it('never fires a cancelled deadline, and keeps the others', () => {
    const fired: string[] = [];
    const queue = new DeadlineQueue<string>((value) => fired.push(value));
    const first = queue.add(Date.now() + 100, 'first');
    queue.add(Date.now() + 200, 'second');
    queue.cancel(first);
    vi.advanceTimersByTime(300);
    expect(fired).toEqual(['second']);
  });

  it('lets go of cancelled values at once and compacts a heap that churn filled with cancelled entries', () => {
    const queue = new DeadlineQueue<object>(() => undefined);
    const deadlines = Array.from({ length: 1_000 }, (_, index) => queue.add(Date.now() + 60_000 + index, { index }));
    for (const deadline of deadlines.slice(0, 900)) queue.cancel(deadline);
    expect(deadlines[0]!.value).toBeUndefined();
    expect(queue.size).toBeLessThan(300);
    queue.clear();
  });

  it('moves its one timer earlier when an earlier deadline arrives', () => {
    const fired: string[] = [];
    const queue = new DeadlineQueue<string>((value) => fired.push(value));
    queue.add(Date.now() + 1_000, 'late');
    queue.add(Date.now() + 10, 'early');
    vi.advanceTimersByTime(20);
    expect(fired).toEqual(['early']);
    vi.advanceTimersByTime(1_000);
    expect(fired).toEqual(['early', 'late']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('waits in steps for deadlines beyond what setTimeout can hold, firing none early', () => {
    const fired: string[] = [];
    const queue = new DeadlineQueue<string>((value) => fired.push(value));
    queue.add(Date.now() + 3_000_000_000, 'far');
    vi.advanceTimersByTime(2_147_483_647);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(3_000_000_000 - 2_147_483_647);
    expect(fired).toEqual(['far']);
  });

  it('lets a deadline schedule another from inside its own firing', () => {
    const fired: string[] = [];
    const queue: DeadlineQueue<string> = new DeadlineQueue<string>((value) => {
      fired.push(value);
      if (value === 'warn') queue.add(Date.now() + 50, 'end');
    });
    queue.add(Date.now() + 10, 'warn');
    vi.advanceTimersByTime(100);
    expect(fired).toEqual(['warn', 'end']);
  });
});
