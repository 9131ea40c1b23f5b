/**
 * How the client retries after losing or failing to open its connection. Delays double from
 * `delayMs` up to `maxDelayMs`, then stay there, for at most `maxAttempts` attempts.
 *
 * @example
 * // 1 s, 2 s, 4 s, 8 s, 8 s, … exactly, 10 attempts:
 * createRealtimeClient({ url, token, reconnection: { jitter: 0 } });
 */
export interface ReconnectionOptions {
  /**
   * Delay before the first attempt, in milliseconds.
   * @default 1000
   */
  delayMs: number;
  /**
   * Largest nominal delay, in milliseconds; the doubling stops here.
   * @default 8000
   */
  maxDelayMs: number;
  /**
   * Attempts before giving up (status `offline`). `Infinity` never gives up.
   * @default 10
   */
  maxAttempts: number;
  /**
   * Random spread of each delay, as a fraction of it: `0.2` draws every delay uniformly from
   * ±20 % of its nominal value, capped delays included, so many clients cut off together do not
   * come back in lockstep. `0` gives exactly `delayMs`, `2 × delayMs`, … `maxDelayMs`.
   * @default 0.2
   */
  jitter: number;
}

/** The defaults of {@link ReconnectionOptions}: 1 s, 2 s, 4 s, 8 s (cap), 10 attempts, ±20 %. */
export const DEFAULT_RECONNECTION: Readonly<ReconnectionOptions> = /* @__PURE__ */ Object.freeze({
  delayMs: 1000,
  maxDelayMs: 8000,
  maxAttempts: 10,
  jitter: 0.2,
});

/**
 * Fills in defaults and checks the values, with a message that names the option to fix.
 * @internal
 */
export function resolveReconnection(options: Partial<ReconnectionOptions> | undefined): ReconnectionOptions {
  const resolved = { ...DEFAULT_RECONNECTION, ...stripUndefined(options ?? {}) };
  const { delayMs, maxDelayMs, maxAttempts, jitter } = resolved;
  if (!(Number.isFinite(delayMs) && delayMs >= 0)) throw new RangeError(`reconnection.delayMs must be a finite number ≥ 0, got ${delayMs}`);
  if (!(Number.isFinite(maxDelayMs) && maxDelayMs >= delayMs)) {
    throw new RangeError(`reconnection.maxDelayMs must be a finite number ≥ reconnection.delayMs (${delayMs}), got ${maxDelayMs}`);
  }
  if (!(maxAttempts === Infinity || (Number.isInteger(maxAttempts) && maxAttempts >= 0))) {
    throw new RangeError(`reconnection.maxAttempts must be a whole number ≥ 0 or Infinity, got ${maxAttempts}`);
  }
  if (!(jitter >= 0 && jitter <= 1)) throw new RangeError(`reconnection.jitter must be between 0 and 1, got ${jitter}`);
  return resolved;
}

/**
 * The nominal (jitter-free) delay before attempt `attempt` (1-based):
 * `min(delayMs × 2^(attempt − 1), maxDelayMs)`.
 */
export function nominalDelay(attempt: number, options: Pick<ReconnectionOptions, 'delayMs' | 'maxDelayMs'>): number {
  // Past 2^31 the product is far beyond any cap; stop the exponent before it reaches Infinity.
  const doublings = Math.min(Math.max(attempt - 1, 0), 31);
  return Math.min(options.delayMs * 2 ** doublings, options.maxDelayMs);
}

/**
 * The delay before attempt `attempt` (1-based), in whole milliseconds: the nominal delay spread
 * uniformly over ±`jitter` of itself. Jitter is applied after the cap, so capped attempts are
 * spread too.
 *
 * @param random - a source of numbers in [0, 1); `Math.random` unless testing.
 */
export function reconnectDelay(
  attempt: number,
  options: Pick<ReconnectionOptions, 'delayMs' | 'maxDelayMs' | 'jitter'>,
  random: () => number = Math.random,
): number {
  const nominal = nominalDelay(attempt, options);
  if (options.jitter === 0) return Math.round(nominal);
  const spread = (random() * 2 - 1) * options.jitter * nominal;
  return Math.max(0, Math.round(nominal + spread));
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
