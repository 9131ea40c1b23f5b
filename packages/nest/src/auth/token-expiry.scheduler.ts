import { ErrorCode, SystemEvent } from '@tenantcast/protocol';
import type { SystemSocket } from '../gateway/system-socket';

// setTimeout fires at once for delays above 2^31-1 ms; longer waits are done in steps.
const MAX_TIMER_DELAY_MS = 2_147_483_647;

interface ExpiryTimers {
  warning?: NodeJS.Timeout;
  end?: NodeJS.Timeout;
}

/**
 * Makes sure no connection outlives its token: warns the client `expiryWarningMs` before `exp`
 * (it answers in-band with `refresh-token`), and closes the connection with `TOKEN_EXPIRED` at
 * `exp` if no fresh token arrived.
 */
export class TokenExpiryScheduler {
  private readonly timers = new Map<string, ExpiryTimers>();

  constructor(private readonly warningMs: number) {}

  /** (Re)starts the timers of a socket from its current `socket.data.tokenExpiresAt`. */
  schedule(socket: SystemSocket): void {
    this.cancel(socket.id);
    const expiresAt = socket.data.tokenExpiresAt;
    const timers: ExpiryTimers = {};
    this.timers.set(socket.id, timers);
    const warnAt = expiresAt - this.warningMs;
    this.at(timers, 'warning', warnAt, () => socket.emit(SystemEvent.TokenExpiring, { expiresAt }));
    this.at(timers, 'end', expiresAt, () => {
      socket.emit(SystemEvent.SessionEnded, {
        code: ErrorCode.TokenExpired,
        message: 'The token expired and was not refreshed; reconnect with a fresh token.',
      });
      socket.disconnect(true);
    });
  }

  /** Stops the timers of a socket; call on disconnect. */
  cancel(socketId: string): void {
    const timers = this.timers.get(socketId);
    if (!timers) return;
    clearTimeout(timers.warning);
    clearTimeout(timers.end);
    this.timers.delete(socketId);
  }

  /** Stops all timers; call on shutdown. */
  cancelAll(): void {
    for (const socketId of [...this.timers.keys()]) this.cancel(socketId);
  }

  private at(timers: ExpiryTimers, slot: keyof ExpiryTimers, time: number, run: () => void): void {
    const delay = time - Date.now();
    timers[slot] =
      delay > MAX_TIMER_DELAY_MS
        ? setTimeout(() => this.at(timers, slot, time, run), MAX_TIMER_DELAY_MS).unref()
        : setTimeout(run, Math.max(0, delay)).unref();
  }
}
