/** socket.io-client's reconnection defaults: 1 s doubling to 5 s, ±50% jitter. */
export const CLIENT_BACKOFF = Object.freeze({ minMs: 1_000, maxMs: 5_000, jitter: 0.5 });

/**
 * Milliseconds before reconnection attempt `attempt` (0-based), by socket.io-client's own formula
 * (its `Backoff.duration`), so the generator's storm has the shape real clients give it.
 */
export function reconnectDelay(attempt, { minMs, maxMs, jitter } = CLIENT_BACKOFF, random = Math.random) {
  let ms = minMs * 2 ** attempt;
  if (jitter) {
    const rand = random();
    const deviation = Math.floor(rand * jitter * ms);
    ms = (Math.floor(rand * 10) & 1) === 0 ? ms - deviation : ms + deviation;
  }
  return Math.min(ms, maxMs) | 0;
}
