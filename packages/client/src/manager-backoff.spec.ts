import { Manager } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { resolveReconnection } from './backoff';
import { ManagerBackoff } from './manager-backoff';

// Guards the assumption ManagerBackoff rests on: with both bounds set to d and no randomization,
// socket.io-client's own Backoff returns exactly d, whatever its attempt count.
interface InternalBackoff {
  duration(): number;
  attempts: number;
}

function internalBackoff(manager: Manager): InternalBackoff {
  return (manager as unknown as { backoff: InternalBackoff }).backoff;
}

/** What the Manager emits when an attempt's timer fires. */
function fireAttempt(manager: Manager): void {
  const attempt = internalBackoff(manager).attempts;
  (manager as unknown as { emitReserved(event: string, ...args: unknown[]): void }).emitReserved('reconnect_attempt', attempt);
}

describe('ManagerBackoff (no connection is opened)', () => {
  it("makes socket.io-client's Manager wait exactly the delays we computed", () => {
    const manager = new Manager('http://127.0.0.1:9', { autoConnect: false });
    const randoms = [0.1, 0.9, 0.5, 0.3, 0.7, 0.2];
    const backoff = new ManagerBackoff(manager, resolveReconnection({}), () => randoms.shift() ?? 0.5);
    const expected: number[] = [];
    const waited: number[] = [];
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expected.push(backoff.nextDelay);
      expect(backoff.nextAttempt).toBe(attempt);
      waited.push(internalBackoff(manager).duration());
      fireAttempt(manager);
    }
    expect(waited).toEqual(expected);
    // Nominal 1, 2, 4, 8, 8 s spread by ±20 %:
    expect(expected).toEqual([840, 2320, 4000, 7360, 8640]);
    expect(manager.reconnectionAttempts()).toBe(10);
    expect(manager.randomizationFactor()).toBe(0);
  });

  it('gives 1, 2, 4, 8, 8 s exactly with jitter 0, and knows when the Manager gives up', () => {
    const manager = new Manager('http://127.0.0.1:9', { autoConnect: false });
    const backoff = new ManagerBackoff(manager, resolveReconnection({ jitter: 0, maxAttempts: 5 }));
    const waited: number[] = [];
    while (!backoff.exhausted) {
      waited.push(internalBackoff(manager).duration());
      fireAttempt(manager);
    }
    expect(waited).toEqual([1000, 2000, 4000, 8000, 8000]);
    backoff.reset();
    expect(backoff.nextAttempt).toBe(1);
    expect(backoff.nextDelay).toBe(1000);
  });
});
