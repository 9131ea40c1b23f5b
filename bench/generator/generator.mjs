// The load generator, in its own process (pinned to its own CPU by the runner). It holds a fleet
// of raw-protocol clients and, on the runner's commands: connects them with a bounded number in
// flight, records stamped broadcasts (delivery latency per recipient, fan-out completion per
// message, loss, cross-tenant deliveries), drives open-loop RPCs with acks, and follows a
// reconnect storm. Every figure comes with this process's CPU share over the same window: a run
// whose generator was the bottleneck is invalid.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { encodeHistogram, newHistogram, recordMicros } from '../lib/histogram.mjs';
import { identities } from '../lib/identities.mjs';
import { serveRpc } from '../lib/rpc.mjs';
import { benchToken } from '../lib/tokens.mjs';
import { CLIENT_BACKOFF, reconnectDelay } from './backoff.mjs';
import { RawClient } from './raw-client.mjs';

const now = () => performance.timeOrigin + performance.now();
const CONNECT_TIMEOUT_MS = 10_000;

/** Every open client, by id. */
const fleet = new Map();
let recorder;
let storm;
let unexpectedCloses = 0;

const hooks = {
  onStamp(client, stamp, at) {
    if (recorder) record(recorder, client, stamp, at);
  },
  onAck(client, ackId, args, at) {
    const sentAt = client.pendingAcks.get(ackId);
    if (sentAt === undefined) return;
    client.pendingAcks.delete(ackId);
    client.onAck?.(at - sentAt, args);
  },
  onClose(client) {
    fleet.delete(client.id);
    if (storm && client.autoReconnect) {
      storm.t0 ??= now();
      scheduleReconnect(client);
    } else {
      unexpectedCloses += 1;
    }
  },
};

/**
 * Starts a CPU window; the function it returns gives this process's CPU share since then (1 = one
 * full core), and the kernel's part of it (on loopback the kernel charges much of the TCP work to
 * the reading process).
 */
function cpuWindow() {
  const cpu = process.cpuUsage();
  const started = performance.now();
  return () => {
    const used = process.cpuUsage(cpu);
    const wallMs = performance.now() - started;
    const share = (micros) => (wallMs > 0 ? micros / 1000 / wallMs : 0);
    return { wallMs, cpuFraction: share(used.user + used.system), systemFraction: share(used.system) };
  };
}

function clientsOf(group) {
  return [...fleet.values()].filter((client) => client.ready && (group === undefined || client.group === group));
}

async function openAll(target, people, group, inFlight, deadlineMs) {
  const tokens = people.map(({ userId, tenantId }) => benchToken(userId, tenantId));
  const histogram = newHistogram();
  const failures = {};
  let next = 0;
  const window = cpuWindow();
  const started = performance.now();
  const worker = async () => {
    while (next < people.length && performance.now() - started < deadlineMs) {
      const index = next++;
      const client = new RawClient(target, people[index], tokens[index], group, hooks);
      try {
        const ms = await client.open(CONNECT_TIMEOUT_MS, now);
        recordMicros(histogram, ms * 1000);
        fleet.set(client.id, client);
      } catch (error) {
        failures[error.message] = (failures[error.message] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, people.length) }, worker));
  const { wallMs, cpuFraction } = window();
  const connected = histogram.totalCount;
  return {
    attempted: people.length,
    connected,
    failed: people.length - connected,
    failures,
    wallMs,
    rate: connected / (wallMs / 1000),
    histogram: encodeHistogram(histogram),
    cpuFraction,
  };
}

function record(state, client, data, at) {
  if (data.tenantId !== client.identity.tenantId) {
    state.crossTenant += 1;
    return;
  }
  if (state.tenantId !== undefined && data.tenantId !== state.tenantId) return;
  const latencyMicros = (at - data.ts) * 1000;
  if (latencyMicros < 0) state.negative += 1;
  let group = state.groups.get(client.group);
  if (!group) {
    group = { delivery: newHistogram(), received: 0, lastBySeq: new Map() };
    state.groups.set(client.group, group);
  }
  recordMicros(group.delivery, latencyMicros);
  group.received += 1;
  if (!(group.lastBySeq.get(data.seq) >= latencyMicros)) group.lastBySeq.set(data.seq, latencyMicros);
  const last = state.lastBySeq.get(data.seq);
  if (!(last >= latencyMicros)) state.lastBySeq.set(data.seq, latencyMicros);
  state.received += 1;
  if (state.received >= state.expected) state.complete?.();
}

function newRecorder(tenantId) {
  return { tenantId, groups: new Map(), lastBySeq: new Map(), received: 0, expected: Infinity, crossTenant: 0, negative: 0, window: cpuWindow() };
}

function fanoutHistogram(lastBySeq) {
  const histogram = newHistogram();
  for (const micros of lastBySeq.values()) recordMicros(histogram, micros);
  return histogram;
}

function recorderResult(state) {
  const { wallMs, cpuFraction, systemFraction } = state.window();
  const groups = {};
  for (const [name, group] of state.groups) {
    groups[name] = { delivery: encodeHistogram(group.delivery), fanout: encodeHistogram(fanoutHistogram(group.lastBySeq)), received: group.received };
  }
  const delivery = newHistogram();
  for (const group of state.groups.values()) delivery.add(group.delivery);
  return {
    received: state.received,
    crossTenant: state.crossTenant,
    negativeLatencies: state.negative,
    delivery: encodeHistogram(delivery),
    fanout: encodeHistogram(fanoutHistogram(state.lastBySeq)),
    groups,
    wallMs,
    cpuFraction,
    systemFraction,
  };
}

function scheduleReconnect(client) {
  const delay = reconnectDelay(client.attempt, storm.backoff);
  client.attempt += 1;
  storm.attempts += 1;
  setTimeout(async () => {
    if (!storm) return;
    const fresh = new RawClient(client.target, client.identity, client.token, client.group, hooks);
    fresh.autoReconnect = true;
    fresh.attempt = client.attempt;
    try {
      await fresh.open(CONNECT_TIMEOUT_MS, now);
      fleet.set(fresh.id, fresh);
      storm.times.push(now() - storm.t0);
      if (storm.times.length >= storm.expected) storm.complete?.();
    } catch {
      storm.failures += 1;
      if (fresh.attempt < storm.maxAttempts) scheduleReconnect(fresh);
      else storm.gaveUp += 1;
    }
  }, delay).unref();
}

async function waitFor(state, timeoutMs) {
  if (state.received >= state.expected) return;
  await Promise.race([new Promise((resolve) => (state.complete = resolve)), sleep(timeoutMs)]);
}

serveRpc({
  /** Opens `identities` clients towards one server, `inFlight` at a time. */
  connect({ host = '127.0.0.1', port, namespace, people, group = 'all', inFlight = 100, deadlineMs = 300_000 }) {
    return openAll({ host, port, namespace }, identities(people), group, inFlight, deadlineMs);
  },

  /** Drops clients at once (of a group, or all); `count` limits how many. */
  async close({ group, count = Infinity }) {
    const chosen = clientsOf(group).slice(0, count);
    for (const client of chosen) {
      fleet.delete(client.id);
      client.terminate();
    }
    await sleep(10);
    return { closed: chosen.length, left: fleet.size };
  },

  /** Starts recording stamped broadcasts to `tenantId`; answers how many recipients this generator holds. */
  recordStart({ tenantId }) {
    recorder = newRecorder(tenantId);
    return { recipients: clientsOf().filter((client) => client.identity.tenantId === tenantId).length };
  },

  /** Waits (bounded) for `expected` deliveries, then reports and stops recording. */
  async recordStop({ expected, timeoutMs = 10_000 }) {
    const state = recorder;
    state.expected = expected;
    await waitFor(state, timeoutMs);
    recorder = undefined;
    return { expected, loss: expected - state.received, ...recorderResult(state) };
  },

  /** For the soak: the figures since the last snapshot, recording on. */
  recordSnapshot() {
    const state = recorder;
    recorder = newRecorder(state.tenantId);
    return recorderResult(state);
  },

  /**
   * Open loop of acked events: `ratePerClient` per second from every ready client of `group` for
   * `durationMs`, each send on its planned time; then waits (bounded) for the outstanding acks.
   */
  async rpc({ group, ratePerClient, durationMs, settleMs = 5_000 }) {
    const clients = clientsOf(group);
    const rate = ratePerClient * clients.length;
    const histogram = newHistogram();
    let sent = 0;
    let acked = 0;
    let badAcks = 0;
    let allAcked;
    let stopped = false;
    const onAck = (rttMs, args) => {
      recordMicros(histogram, rttMs * 1000);
      acked += 1;
      if (args?.[0]?.ok !== true) badAcks += 1;
      if (acked === sent && stopped) allAcked?.();
    };
    for (const client of clients) client.onAck = onAck;
    const window = cpuWindow();
    const started = performance.now();
    let next = 0;
    while (performance.now() - started < durationMs) {
      const due = Math.floor((rate * (performance.now() - started)) / 1000);
      // A client that dropped meanwhile is skipped, at most one full round per tick.
      for (let tries = 0; sent < due && tries < clients.length; tries += 1) {
        const client = clients[next++ % clients.length];
        if (!client.ready) continue;
        const ackId = client.emitWithAck('rpc', [{ n: sent, text: 'ping' }]);
        client.pendingAcks.set(ackId, now());
        sent += 1;
        tries = -1;
      }
      await sleep(5);
    }
    stopped = true;
    if (acked < sent) await Promise.race([new Promise((resolve) => (allAcked = resolve)), sleep(settleMs)]);
    const { wallMs, cpuFraction } = window();
    for (const client of clients) {
      client.onAck = undefined;
      client.pendingAcks.clear();
    }
    return { sent, acked, lost: sent - acked, badAcks, histogram: encodeHistogram(histogram), wallMs, cpuFraction, clients: clients.length };
  },

  /** Arms the reconnect storm: every ready client of `group` reconnects with socket.io-client's backoff when dropped. */
  stormArm({ group, backoff = CLIENT_BACKOFF, maxAttempts = 8 }) {
    const clients = clientsOf(group);
    for (const client of clients) {
      client.autoReconnect = true;
      client.attempt = 0;
    }
    storm = { backoff, maxAttempts, expected: clients.length, times: [], failures: 0, gaveUp: 0, attempts: 0, t0: undefined, window: cpuWindow() };
    return { armed: clients.length };
  },

  /** Waits (bounded) until every armed client is back, then reports the storm. */
  async stormResult({ timeoutMs = 60_000 }) {
    const state = storm;
    if (state.times.length < state.expected) await Promise.race([new Promise((resolve) => (state.complete = resolve)), sleep(timeoutMs)]);
    storm = undefined;
    for (const client of fleet.values()) client.autoReconnect = false;
    const histogram = newHistogram();
    for (const ms of state.times) recordMicros(histogram, ms * 1000);
    const { cpuFraction, wallMs } = state.window();
    return {
      expected: state.expected,
      reconnected: state.times.length,
      failures: state.failures,
      gaveUp: state.gaveUp,
      attempts: state.attempts,
      histogram: encodeHistogram(histogram),
      times: state.times.map((ms) => Math.round(ms)),
      firstDropAt: state.t0,
      cpuFraction,
      wallMs,
    };
  },

  /** Drops `count` clients of `group` and opens new connections for the same people (the soak's churn). */
  async churn({ group, count }) {
    const chosen = clientsOf(group).slice(0, count);
    for (const client of chosen) {
      fleet.delete(client.id);
      client.terminate();
    }
    const byTarget = new Map();
    for (const client of chosen) {
      const key = JSON.stringify(client.target);
      byTarget.set(key, [...(byTarget.get(key) ?? []), client.identity]);
    }
    let reopened = 0;
    for (const [key, people] of byTarget) reopened += (await openAll(JSON.parse(key), people, group, 10, 60_000)).connected;
    return { closed: chosen.length, reopened };
  },

  stop() {
    for (const client of fleet.values()) client.terminate();
    fleet.clear();
    setImmediate(() => process.exit(0));
    return {};
  },

  stats() {
    const memory = process.memoryUsage();
    return { clients: fleet.size, ready: clientsOf().length, unexpectedCloses, heapUsed: memory.heapUsed, rss: memory.rss };
  },
});
