/**
 * The story's client reconnection policy (1 s, 2 s, 4 s, 8 s, at most 10 attempts), scaled down
 * tenfold so tests reconnect quickly. socket.io-client doubles the delay from
 * `reconnectionDelay` up to `reconnectionDelayMax`; no jitter keeps the sequence exact.
 */
export const TEST_BACKOFF = {
  reconnection: true,
  reconnectionAttempts: 10,
  reconnectionDelay: 100,
  reconnectionDelayMax: 800,
  randomizationFactor: 0,
} as const;
