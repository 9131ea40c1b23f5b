// Cross-process delivery latency and Redis work per operation, per adapter type (scenarios B7a/b
// and B6 in the team's notes). For each adapter: two server processes (CPU 0 and 1) on a private
// redis-server, clients split evenly between them, events emitted on process A at a fixed rate;
// reports delivery latency to A's own clients (same process) and to B's (cross process), with 1
// and with 1,000 clients. Then, on one process, counts the Redis commands (MONITOR) of one
// connect, join, disconnect and presence refresh. Build first (`npm run build`).
//   node bench/cluster-delivery.mjs [clientsPerRun=1000] [messages=40]
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';
import { BENCH_SECRET, benchToken } from './lib/tokens.mjs';

const FIXTURE = fileURLToPath(new URL('../packages/nest/test/fixtures/cluster-node.mjs', import.meta.url));
const LARGE = Number(process.argv[2] ?? 1000);
const MESSAGES = Number(process.argv[3] ?? 40);
const INTERVAL_MS = 50;
const ADAPTERS = ['redis', 'redis-sharded', 'redis-streams'];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

async function startRedis() {
  const port = await freePort();
  const child = spawn('nice', ['redis-server', '--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await sleep(300);
  return { url: `redis://127.0.0.1:${port}`, port, stop: () => child.kill('SIGKILL') };
}

function startNode(id, cpu, env) {
  const child = spawn('taskset', ['-c', String(cpu), process.execPath, FIXTURE], {
    env: { ...process.env, TC_SECRET: BENCH_SECRET, NODE_ID: id, TC_PING_INTERVAL: '25000', TC_PING_TIMEOUT: '20000', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`node ${id} exited with ${code}`)));
    child.stdout.once('data', (chunk) => {
      const { port } = JSON.parse(chunk.toString());
      resolve({
        url: `http://127.0.0.1:${port}`,
        command: async (name, params) => (await fetch(`http://127.0.0.1:${port}/cmd/${name}?${new URLSearchParams(params)}`)).json(),
        stop: () => new Promise((done) => (child.removeAllListeners('exit'), child.once('exit', done), child.kill('SIGTERM'))),
      });
    });
  });
}

function connect(url, userId) {
  const socket = io(`${url}/rca`, { auth: { token: benchToken(userId, 'bench') }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connected', () => socket.emit('join', { kind: 'rca', id: 'room' }, () => resolve(socket)));
    socket.once('connect_error', reject);
  });
}

const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (samples) => {
  const sorted = [...samples].sort((x, y) => x - y);
  return { n: sorted.length, p50: +percentile(sorted, 50).toFixed(2), p99: +percentile(sorted, 99).toFixed(2) };
};

async function latency(adapter, clients) {
  const redis = await startRedis();
  const env = { TC_ADAPTER: adapter, TC_REDIS_URL: redis.url, TC_KEY_PREFIX: 'bench:p', TC_ADAPTER_PREFIX: 'bench:a', TC_TTL_MS: '30000', TC_SWEEP_MS: '10000' };
  const [a, b] = await Promise.all([startNode('a', 0, env), startNode('b', 1, env)]);
  const perNode = Math.max(1, Math.floor(clients / 2));
  const sockets = { same: [], cross: [] };
  for (let i = 0; i < perNode; i += 1) {
    sockets.same.push(await connect(a.url, `s${i}`));
    sockets.cross.push(await connect(b.url, `c${i}`));
  }
  const samples = { same: [], cross: [] };
  for (const group of ['same', 'cross']) {
    for (const socket of sockets[group]) socket.on('tick', (envelope) => samples[group].push(performance.timeOrigin + performance.now() - envelope.data.sentAt));
  }
  await a.command('emit-room', { tenant: 'bench', kind: 'rca', id: 'room', type: 'warmup', n: 0 });
  for (let n = 0; n < MESSAGES; n += 1) {
    await a.command('emit-room', { tenant: 'bench', kind: 'rca', id: 'room', type: 'tick', n });
    await sleep(INTERVAL_MS);
  }
  await sleep(500);
  for (const socket of [...sockets.same, ...sockets.cross]) socket.close();
  await Promise.all([a.stop(), b.stop()]);
  redis.stop();
  const expected = perNode * MESSAGES;
  return { adapter, clients: perNode * 2, same: summary(samples.same), cross: summary(samples.cross), loss: 2 * expected - samples.same.length - samples.cross.length };
}

async function roundTrips(adapter) {
  const redis = await startRedis();
  const node = await startNode('a', 0, { TC_ADAPTER: adapter, TC_REDIS_URL: redis.url, TC_KEY_PREFIX: 'rt:p', TC_ADAPTER_PREFIX: 'rt:a', TC_TTL_MS: '3000', TC_SWEEP_MS: '100000' });
  const monitor = spawn('redis-cli', ['-p', String(redis.port), 'monitor'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines = [];
  monitor.stdout.on('data', (chunk) => lines.push(...chunk.toString().split('\n').filter((line) => line.includes('"'))));
  await sleep(300);
  const count = async (action) => {
    await sleep(200);
    const before = lines.length;
    await action();
    await sleep(200);
    // Top-level commands only: a script's own commands show up as `[0 lua]` lines.
    return lines.slice(before).filter((line) => !line.includes(' lua]') && !/"(xread|ping|info|client)"/i.test(line)).map((line) => line.split('"')[1].toLowerCase());
  };
  // Warm-up, so Redis has every script cached (EVALSHA, not EVAL) as in a running cluster.
  const warm = await connectOnly(node.url);
  await new Promise((resolve) => warm.emit('join', { kind: 'rca', id: 'r' }, resolve));
  warm.close();
  let socket;
  const connectOps = await count(async () => (socket = await connectOnly(node.url)));
  const joinOps = await count(() => new Promise((resolve) => socket.emit('join', { kind: 'rca', id: 'r' }, resolve)));
  const refreshOps = await count(() => sleep(950)); // about one refresh: every ttl / 3 = 1 s
  const disconnectOps = await count(async () => socket.close());
  monitor.kill();
  await node.stop();
  redis.stop();
  const tally = (ops) => Object.entries(ops.reduce((all, op) => ({ ...all, [op]: (all[op] ?? 0) + 1 }), {})).map(([op, n]) => `${n} ${op}`).join(', ');
  return { adapter, connect: tally(connectOps), join: tally(joinOps), disconnect: tally(disconnectOps), refresh: tally(refreshOps) };
}

function connectOnly(url) {
  const socket = io(`${url}/rca`, { auth: { token: benchToken('rt', 'bench') }, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve) => socket.once('connected', () => resolve(socket)));
}

if (process.env.ROUND_TRIPS_ONLY !== 'true') {
  for (const adapter of ADAPTERS) {
    for (const clients of [2, LARGE]) console.log(JSON.stringify(await latency(adapter, clients)));
  }
}
for (const adapter of ADAPTERS) console.log(JSON.stringify(await roundTrips(adapter)));
