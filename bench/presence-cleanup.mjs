// How long one Redis presence cleanup call holds Redis (Redis runs one script at a time, so this is
// how long every other tenant waits). On a private redis-server with SLOWLOG recording every
// command, it measures the longest single command of:
//   - the disconnect of one socket in 100 rooms (the default `limits.maxRoomsPerSocket`), and in
//     20,000 rooms (a store used without the module's room cap);
//   - the sweep of 500 dead connections × 100 rooms each (one killed process's worth).
// Build first (`npm run build`).
//   node bench/presence-cleanup.mjs
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import { RedisPresenceStore } from '@tenantcast/nest';

const TTL_MS = 1_000;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

const port = await freePort();
const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--slowlog-log-slower-than', '0', '--slowlog-max-len', '100000'], {
  stdio: 'ignore',
});
const url = `redis://127.0.0.1:${port}`;
/** Resolves with a client once the server answers. */
async function connectWhenUp() {
  for (let tries = 0; ; tries += 1) {
    const client = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return client;
    } catch (error) {
      client.disconnect();
      if (tries > 50) throw error;
      await sleep(100);
    }
  }
}
const admin = await connectWhenUp();

/** Runs `work`, then reads the SLOWLOG it produced: the longest command and how many script calls. */
async function longestCall(work) {
  await admin.slowlog('RESET');
  const started = performance.now();
  await work();
  const wallMs = performance.now() - started;
  const entries = await admin.slowlog('GET', -1);
  const micros = entries.filter((entry) => ['evalsha', 'eval'].includes(String(entry[3][0]).toLowerCase())).map((entry) => Number(entry[2])).sort((a, b) => a - b);
  return { longestMs: (micros.at(-1) ?? 0) / 1_000, medianMs: (micros[Math.floor(micros.length / 2)] ?? 0) / 1_000, calls: micros.length, wallMs };
}

/** A store whose connections join `rooms` rooms each. */
async function populate(store, tenantId, connections, rooms) {
  for (let c = 0; c < connections; c += 1) {
    const connectionId = `c${c}`;
    await store.addConnection({ tenantId, userId: `u${c}`, connectionId, meta: { role: 'viewer' } });
    const joins = [];
    for (let r = 0; r < rooms; r += 1) joins.push(store.joinRoom(tenantId, `u${c}`, connectionId, { kind: 'rca', id: String(r) }));
    await Promise.all(joins);
  }
}

const results = [];
try {
  // Loads every script first, so each measured call is an EVALSHA that does only its work.
  const warm = new RedisPresenceStore({ client: admin, keyPrefix: 'bench', ttlMs: 60_000 });
  await populate(warm, 'warm-up', 1, 1);
  await warm.removeConnection('warm-up', 'u0', 'c0');
  await warm.sweepExpired();
  await warm.close();

  for (const rooms of [100, 20_000]) {
    const store = new RedisPresenceStore({ client: admin, keyPrefix: 'bench', ttlMs: 60_000 });
    await populate(store, `disconnect-${rooms}`, 1, rooms);
    const measured = await longestCall(async () => {
      const removal = await store.removeConnection(`disconnect-${rooms}`, 'u0', 'c0');
      if (!removal.wentOffline || removal.roomsLeft.length !== rooms) throw new Error(`unexpected removal: ${removal.roomsLeft.length} rooms`);
    });
    results.push({ scenario: `disconnect, 1 socket × ${rooms} rooms`, ...measured });
    await store.close();
  }

  const killed = new RedisPresenceStore({ client: admin, keyPrefix: 'bench', ttlMs: TTL_MS, refreshIntervalMs: TTL_MS / 2 });
  await populate(killed, 'sweep', 500, 100);
  await killed.close();
  await sleep(TTL_MS + 100);
  const sweeper = new RedisPresenceStore({ client: admin, keyPrefix: 'bench', ttlMs: TTL_MS, refreshIntervalMs: TTL_MS / 2 });
  const measured = await longestCall(async () => {
    let departures = 0;
    for (let round = 0; round < 1_000 && departures < 500; round += 1) departures += (await sweeper.sweepExpired()).length;
    if (departures !== 500) throw new Error(`swept ${departures} users, expected 500`);
  });
  results.push({ scenario: 'sweep, 500 dead connections × 100 rooms', ...measured });
  await sweeper.close();
} finally {
  admin.disconnect();
  server.kill('SIGKILL');
}

console.log('Script calls as Redis SLOWLOG times them: the longest, the median, how many; and the wall time');
for (const { scenario, longestMs, medianMs, calls, wallMs } of results) {
  const ms = (value) => value.toFixed(2).padStart(7);
  console.log(`${scenario.padEnd(42)} longest ${ms(longestMs)} ms   median ${ms(medianMs)} ms   ${String(calls).padStart(5)} calls   ${wallMs.toFixed(0).padStart(5)} ms wall`);
}
