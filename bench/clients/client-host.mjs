// B8's client process: holds many instances of raw socket.io-client (`raw`) or of the typed
// wrapper @tenantcast/client (`wrapped`) against a library server, and reports heap per instance,
// cold connect time, and this process's CPU per received message. One process per pass, so heap
// figures start from a clean process. Usage (by the runner only): node --expose-gc client-host.mjs
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { encodeHistogram, newHistogram, recordMicros } from '../lib/histogram.mjs';
import { identities } from '../lib/identities.mjs';
import { serveRpc } from '../lib/rpc.mjs';
import { benchToken } from '../lib/tokens.mjs';

const CONNECT_TIMEOUT_MS = 10_000;
const handles = [];
let received = 0;
let expected = Infinity;
let reached;
let counting;

function onMessage(envelope) {
  // What an app handler at least does: read the data.
  if (envelope?.data?.seq >= 0) received += 1;
  if (received >= expected) reached?.();
}

async function openRaw(url, namespace, person, token) {
  const { io } = await import('socket.io-client');
  const socket = io(`${url}${namespace}`, { forceNew: true, transports: ['websocket'], auth: { token } });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`raw client ${person.userId} did not connect`)), CONNECT_TIMEOUT_MS);
    socket.once('connected', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  socket.on('tick', onMessage);
  return { close: () => socket.disconnect() };
}

async function openWrapped(url, namespace, person, token) {
  const { createRealtimeClient, silentLogger } = await import('@tenantcast/client');
  const client = createRealtimeClient({ url, namespace, token: () => token, transports: ['websocket'], logger: silentLogger });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`wrapped client ${person.userId} did not connect`)), CONNECT_TIMEOUT_MS);
    const stop = client.status.subscribe(() => {
      if (client.status.getSnapshot().type !== 'connected') return;
      clearTimeout(timer);
      stop();
      resolve();
    });
  });
  client.on('tick', onMessage);
  return { close: () => client.close() };
}

function heapUsed() {
  globalThis.gc();
  globalThis.gc();
  return process.memoryUsage().heapUsed;
}

serveRpc({
  heap() {
    return { heapUsed: heapUsed() };
  },

  /** Opens `count` instances of `kind`, `concurrency` at a time; the connect histogram is creation → `connected`. */
  async open({ kind, url, namespace, count, concurrency = 25 }) {
    const open = kind === 'wrapped' ? openWrapped : openRaw;
    const people = identities({ count });
    const histogram = newHistogram();
    for (let i = 0; i < people.length; i += concurrency) {
      const batch = people.slice(i, i + concurrency);
      await Promise.all(
        batch.map(async (person) => {
          const started = performance.now();
          handles.push(await open(url, namespace, person, benchToken(person.userId, person.tenantId)));
          recordMicros(histogram, (performance.now() - started) * 1000);
        }),
      );
    }
    return { opened: handles.length, histogram: encodeHistogram(histogram) };
  },

  /** Starts counting received messages; `stopCounting` waits (bounded) for `expected` of them. */
  startCounting() {
    received = 0;
    expected = Infinity;
    counting = { cpu: process.cpuUsage(), started: performance.now() };
    return {};
  },

  async stopCounting({ expected: wanted, timeoutMs = 10_000 }) {
    expected = wanted;
    if (received < expected) await Promise.race([new Promise((resolve) => (reached = resolve)), sleep(timeoutMs)]);
    const cpu = process.cpuUsage(counting.cpu);
    const wallMs = performance.now() - counting.started;
    return { received, expected, cpuMicros: cpu.user + cpu.system, wallMs };
  },

  async stop() {
    for (const handle of handles.splice(0)) handle.close();
    setImmediate(() => process.exit(0));
    return {};
  },
});
