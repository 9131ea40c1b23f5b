// `npm run demo:clients`: against a running `npm run demo`, connects two users of tenant acme
// and one of tenant globex, joins all three to RCA 42, posts an update to acme's RCA 42 and
// prints who received it. Tenant isolation in one screen: globex's RCA 42 is another room.
import { io } from 'socket.io-client';

const baseUrl = (process.env.DEMO_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const namespace = '/rca';
const rcaId = '42';
const TIMEOUT_MS = 5_000;

const users = [
  { userId: 'alice', tenantId: 'acme', role: 'engineer', email: 'alice@acme.example', expected: true },
  // A viewer joins only the RCAs its token lists (the example's demo access rule).
  { userId: 'bob', tenantId: 'acme', role: 'viewer', email: 'bob@acme.example', rcaIds: [rcaId], expected: true },
  { userId: 'carol', tenantId: 'globex', role: 'engineer', email: 'carol@globex.example', expected: false },
];

function fail(message) {
  console.error(`demo:clients: ${message}`);
  process.exit(1);
}

async function post(path, body, token) {
  const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
  const response = await fetch(`${baseUrl}${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function devToken({ expected: _expected, ...user }) {
  const { status, body } = await post('/auth/dev-token', user);
  if (status === 404) fail(`${baseUrl} does not issue dev tokens: start it with DEMO_AUTH=true (\`npm run demo\` does).`);
  if (status !== 201) fail(`POST /auth/dev-token answered ${status}: ${JSON.stringify(body)}`);
  return body.token;
}

/** Connects and resolves once the server sent `connected` (authentication done). */
function connect(user, token) {
  const socket = io(`${baseUrl}${namespace}`, { auth: { token }, reconnection: false, timeout: TIMEOUT_MS });
  return new Promise((resolve, reject) => {
    socket.once('connected', () => resolve(socket));
    socket.once('connect_error', (error) => reject(new Error(`${user.userId} could not connect: ${error.message} ${JSON.stringify(error.data ?? {})}`)));
  });
}

const label = (user) => `${user.userId} (${user.tenantId}, ${user.role})`.padEnd(26);

try {
  await fetch(`${baseUrl}/realtime/health`);
} catch {
  fail(`no demo is running at ${baseUrl}. Start it with \`npm run demo\` in another terminal (or set DEMO_URL).`);
}

const sockets = [];
try {
  const received = new Map();
  const tokens = new Map();
  for (const user of users) {
    const token = await devToken(user);
    tokens.set(user, token);
    const socket = await connect(user, token);
    sockets.push(socket);
    received.set(user, []);
    socket.on('rca-updated', (envelope) => received.get(user).push(envelope));
    const ack = await socket.timeout(TIMEOUT_MS).emitWithAck('join-rca', rcaId);
    if (!ack.ok) fail(`${user.userId} could not join RCA ${rcaId}: ${ack.error.code} ${ack.error.message}`);
    console.log(`${label(user)} connected, joined ${ack.room}`);
  }

  const update = { status: 'investigating', note: 'Root cause narrowed to the coolant pump' };
  const { status, body } = await post(`/rcas/${rcaId}/updates`, update, tokens.get(users[0]));
  if (status !== 202) fail(`POST /rcas/${rcaId}/updates answered ${status}: ${JSON.stringify(body)}`);
  console.log(`\nalice posted ${JSON.stringify(update)} to /rcas/${rcaId}/updates (envelope ${body.id})\n`);

  // Leaving is a round trip on each connection: its acknowledgement arrives after any event the
  // server sent that connection before, so what has not arrived by then was never sent to it.
  await Promise.all(sockets.map((socket) => socket.timeout(TIMEOUT_MS).emitWithAck('leave-rca', rcaId)));

  let asExpected = true;
  for (const user of users) {
    const envelopes = received.get(user);
    const got = envelopes.length > 0;
    asExpected &&= got === user.expected;
    const detail = got ? `yes  ${JSON.stringify(envelopes[0].data.update)} in room ${envelopes[0].metadata.room}` : 'no';
    console.log(`${label(user)} received rca-updated: ${detail}`);
  }
  if (!asExpected) fail('unexpected delivery: the acme users should receive the update and the globex user should not.');
  console.log('\nBoth acme users received the update; globex, in its own RCA 42, did not.');
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
} finally {
  for (const socket of sockets) socket.close();
}
