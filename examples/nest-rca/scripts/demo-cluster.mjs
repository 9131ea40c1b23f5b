// `npm run demo:cluster`: starts two copies of the RCA example (examples/nest-rca) on two ports
// against the local Redis, connects one client to each, posts one update to the first copy and
// shows both clients receiving it. Then stops both copies. REDIS_URL (default the local Redis),
// REALTIME_ADAPTER (redis, redis-sharded or redis-streams; default redis) and PORT (of the first
// copy; the second takes the next one) can be set.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { io } from 'socket.io-client';

const entry = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const adapter = process.env.REALTIME_ADAPTER ?? 'redis';
const firstPort = Number(process.env.PORT ?? 3001);
const ports = [firstPort, firstPort + 1];
const TIMEOUT_MS = 5_000;

if (!existsSync(entry)) {
  console.error(`The example is not built (${entry} is missing). Run \`npm run demo:cluster\`, which builds it first.`);
  process.exit(1);
}

// Both copies verify the same tokens: one secret for the run, as a real deployment shares JWT_SECRET.
const env = {
  ...process.env,
  DEMO_AUTH: 'true',
  JWT_SECRET: randomBytes(48).toString('base64url'),
  REDIS_URL: redisUrl,
  REDIS_KEY_PREFIX: `demo-cluster.${process.pid}`,
  REALTIME_ADAPTER: adapter,
};
const copies = ports.map((port) => spawn(process.execPath, [entry], { env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] }));
const sockets = [];

function stop(code) {
  for (const socket of sockets) socket.close();
  for (const copy of copies) if (copy.exitCode === null && copy.signalCode === null) copy.kill('SIGTERM');
  process.exitCode = code;
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => stop(1));
process.on('exit', () => copies.forEach((copy) => copy.exitCode === null && copy.kill('SIGTERM')));
for (const [index, copy] of copies.entries()) {
  copy.on('exit', (code, signal) => {
    if (process.exitCode === undefined) {
      console.error(`Copy ${index + 1} (port ${ports[index]}) stopped on its own (${signal ?? `exit code ${code}`}). Is Redis running at ${redisUrl}, and are the ports free?`);
      stop(1);
    }
  });
}

async function untilServing(port) {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      const health = await (await fetch(`http://127.0.0.1:${port}/realtime/health`)).json();
      if (health.status === 'ok') return health;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`copy on port ${port} did not become healthy`);
}

async function post(port, path, body, token) {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

try {
  const health = await Promise.all(ports.map(untilServing));
  console.log(`Two copies of the RCA example on ports ${ports.join(' and ')}, ${health[0].adapter.type} adapter and presence on ${redisUrl}.\n`);
  const users = [
    { userId: 'alice', tenantId: 'acme', role: 'engineer', email: 'alice@acme.example' },
    { userId: 'bob', tenantId: 'acme', role: 'engineer', email: 'bob@acme.example' },
  ];
  const received = [];
  const tokens = [];
  for (const [index, user] of users.entries()) {
    const { body } = await post(ports[index], '/auth/dev-token', user);
    tokens.push(body.token);
    const socket = io(`http://127.0.0.1:${ports[index]}/rca`, { auth: { token: body.token }, transports: ['websocket'], reconnection: false });
    sockets.push(socket);
    await new Promise((resolve, reject) => {
      socket.once('connected', resolve);
      socket.once('connect_error', reject);
    });
    const ack = await socket.timeout(TIMEOUT_MS).emitWithAck('join-rca', '42');
    socket.on('rca-updated', (envelope) => received.push([user.userId, ports[index], envelope]));
    console.log(`${user.userId} connected to the copy on port ${ports[index]} and joined ${ack.room}`);
  }
  const update = { status: 'investigating', note: 'Root cause narrowed to the coolant pump' };
  const { status } = await post(ports[0], '/rcas/42/updates', update, tokens[0]);
  if (status !== 202) throw new Error(`POST /rcas/42/updates answered ${status}`);
  console.log(`\nalice posted ${JSON.stringify(update)} to the copy on port ${ports[0]}\n`);
  const deadline = Date.now() + TIMEOUT_MS;
  while (received.length < users.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  for (const [userId, port, envelope] of received) console.log(`${userId} (port ${port}) received rca-updated ${JSON.stringify(envelope.data.update)}`);
  if (received.length !== users.length) throw new Error(`only ${received.length} of ${users.length} clients received the update`);
  console.log('\nOne update, posted on one copy, reached the clients of both. Stopping the copies.');
  stop(0);
} catch (error) {
  console.error(`demo:cluster: ${error instanceof Error ? error.message : String(error)}`);
  stop(1);
}
