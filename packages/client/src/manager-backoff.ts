import type { Manager } from 'socket.io-client';
import { reconnectDelay, type ReconnectionOptions } from './backoff';

/**
 * @internal Drives socket.io-client's own reconnection loop (its `Manager`: timers, attempt count,
 * `reconnect_failed`, cancellation on close) with our delays.
 *
 * The Manager computes each delay as `min(reconnectionDelay × 2^n ± jitter, reconnectionDelayMax)`:
 * with `randomizationFactor: 0` that is exactly 1, 2, 4, 8, 8 s, but with jitter the cap is applied
 * after the jitter, so every capped attempt is exactly 8 s again (no spread where it matters most),
 * and the delay it picked is not observable. So before each attempt we compute the delay
 * ourselves and set both bounds to it through the Manager's public setters: with
 * `randomizationFactor(0)`, `min(d × 2^n, d)` is `d`, and the Manager waits exactly `d`.
 */
export class ManagerBackoff {
  private armed = 0;
  private lastAttempt = 0;

  constructor(
    private readonly manager: Manager,
    private readonly options: ReconnectionOptions,
    private readonly random: () => number = Math.random,
  ) {
    manager.reconnection(true);
    manager.reconnectionAttempts(options.maxAttempts);
    manager.randomizationFactor(0);
    this.arm(1);
    // The one Manager listener: every listener costs each client a few hundred bytes. The
    // Manager's own reset when a transport reopens is mirrored by the supervisor calling reset().
    manager.on('reconnect_attempt', (attempt) => {
      this.lastAttempt = attempt;
      this.arm(attempt + 1);
    });
  }

  /** The attempt the Manager will schedule next, from 1. */
  get nextAttempt(): number {
    return this.lastAttempt + 1;
  }

  /** The delay the Manager will wait before {@link nextAttempt}. */
  get nextDelay(): number {
    return this.armed;
  }

  /** Whether the Manager gives up instead of scheduling {@link nextAttempt}. */
  get exhausted(): boolean {
    return this.nextAttempt > this.options.maxAttempts;
  }

  /**
   * Starts a new series at attempt 1 with a fresh random delay; call whenever a transport opened
   * (a connection, or a handshake the server refused), as the Manager then starts its count anew.
   */
  reset(): void {
    this.lastAttempt = 0;
    this.arm(1);
  }

  private arm(attempt: number): void {
    this.armed = reconnectDelay(attempt, this.options, this.random);
    this.manager.reconnectionDelay(this.armed);
    this.manager.reconnectionDelayMax(this.armed);
  }
}
