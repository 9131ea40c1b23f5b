// The size of each scenario in each mode. Quick (`npm run bench`) is N = 1k and fits in five
// minutes; full (`--full`) is N = 1k / 5k / 10k plus the soak (BENCHMARKS.md rule 8). `--clients`
// scales every N down (or up) for harness checks, e.g. `--clients 200`.

/** Broadcast rates below saturation (BENCHMARKS.md B3): 5/s at 1k, 2/s at 5k, 1/s at 10k. */
export function broadcastRate(clients) {
  return clients <= 1_000 ? 5 : clients <= 5_000 ? 2 : 1;
}

/** Messages in a pass of `seconds` at `rate`, at least 4 so a pass always has a few fan-outs. */
export function messagesFor(rate, seconds) {
  return Math.max(4, Math.round(rate * seconds));
}

const QUICK = {
  passes: 3,
  b1: { clients: 1_000, inFlight: 100, warmupClients: 1_000, jwtIterations: 20_000 },
  b2: { points: [250, 1_000], handlers: 10 },
  b3: { sizes: [1_000], payloads: [100, 1_024], passSeconds: 2, warmupSeconds: 0.8 },
  b4: { room: 1_000, others: 1_000, tenants: 10, messages: 8, warmupMessages: 4 },
  b5: { clients: 1_000, ratePerClient: 5, durationMs: 1_500, singleCalls: 100 },
  b6: { online: 1_000, calls: 200, ttlMs: 9_000, killFraction: 0.1 },
  b7: { sizes: [1_000], messages: 8, singleMessages: 15, adapters: ['redis', 'redis-streams'], restart: false, queryCalls: 50 },
  b8: { clients: 1_000, ratePerSecond: 10, durationMs: 1_500 },
  b9: { clients: 1_000, timeoutMs: 30_000 },
  b10: null,
};

const FULL = {
  passes: 3,
  b1: { clients: 5_000, inFlight: 100, warmupClients: 2_000, jwtIterations: 50_000 },
  b2: { points: [1_000, 10_000], handlers: 10 },
  b3: { sizes: [1_000, 5_000, 10_000], payloads: [100, 1_024], passSeconds: 8, warmupSeconds: 2 },
  b4: { room: 1_000, others: 9_000, tenants: 10, messages: 25, warmupMessages: 5 },
  b5: { clients: 1_000, ratePerClient: 5, durationMs: 10_000, singleCalls: 1_000 },
  b6: { online: 10_000, calls: 300, ttlMs: 30_000, killFraction: 0.1 },
  b7: { sizes: [1_000, 5_000], messages: 20, singleMessages: 50, adapters: ['redis', 'redis-sharded', 'redis-streams'], restart: true, queryCalls: 200 },
  b8: { clients: 1_000, ratePerSecond: 10, durationMs: 10_000 },
  b9: { clients: 5_000, timeoutMs: 60_000 },
  b10: { minutes: 30, warmupMinutes: 5, clients: 5_000, tenants: 10, churnPerMinute: 0.01 },
};

const scaled = (value, factor) => Math.max(1, Math.round(value * factor));

/**
 * The parameters of a mode; `clients` rescales every N so the base N (1k quick, the largest
 * full N otherwise) becomes `clients`; `soakMinutes` shortens the soak.
 */
export function modeParams({ full = false, clients, soakMinutes } = {}) {
  const base = structuredClone(full ? FULL : QUICK);
  if (clients) {
    const factor = clients / (full ? 10_000 : 1_000);
    base.b1.clients = scaled(base.b1.clients, factor);
    base.b1.warmupClients = scaled(base.b1.warmupClients, factor);
    base.b2.points = base.b2.points.map((n) => scaled(n, factor));
    base.b3.sizes = base.b3.sizes.map((n) => scaled(n, factor));
    base.b4.room = scaled(base.b4.room, factor);
    base.b4.others = scaled(base.b4.others, factor);
    base.b5.clients = scaled(base.b5.clients, factor);
    base.b6.online = scaled(base.b6.online, factor);
    base.b7.sizes = base.b7.sizes.map((n) => Math.max(2, scaled(n, factor)));
    base.b8.clients = scaled(base.b8.clients, factor);
    base.b9.clients = scaled(base.b9.clients, factor);
    if (base.b10) base.b10.clients = scaled(base.b10.clients, factor);
  }
  if (base.b10 && soakMinutes) {
    base.b10.minutes = soakMinutes;
    base.b10.warmupMinutes = Math.min(base.b10.warmupMinutes, Math.max(1, Math.floor(soakMinutes / 3)));
  }
  return base;
}
