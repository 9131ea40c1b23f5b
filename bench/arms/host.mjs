// A server under test, in its own process (pinned to a CPU by the runner). It boots one arm
// (bare, library or handwritten) and answers the runner's commands: open-loop stamped
// broadcasts, CPU and memory readings, forced disconnects, presence and fetchSockets timings.
// Usage (by the runner only): node --expose-gc bench/arms/host.mjs
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { STAMPED_EVENT } from '../generator/framing.mjs';
import { encodeHistogram, newHistogram, recordMicros } from '../lib/histogram.mjs';
import { serveRpc } from '../lib/rpc.mjs';
import { jwtMicrobench } from './jwt-microbench.mjs';
import { rawPresenceQueries } from './raw-presence.mjs';
import { tenantRoom } from './shared.mjs';

const ARMS = { bare: './bare.mjs', library: './library.mjs', handwritten: './handwritten.mjs' };
const now = () => performance.timeOrigin + performance.now();

let arm;
let handle;
let raw;
let unhandledRejections = 0;
process.on('unhandledRejection', (error) => {
  unhandledRejections += 1;
  process.stderr.write(`unhandled rejection in ${arm}: ${error?.stack ?? error}\n`);
});

serveRpc({
  async start({ arm: name, config }) {
    if (!ARMS[name]) throw new Error(`unknown arm '${name}'`);
    arm = name;
    const { start } = await import(ARMS[name]);
    handle = await start(config);
    if (handle.unavailable) return { unavailable: handle.unavailable };
    if (config.redisUrl && config.keyPrefix) {
      const { Redis } = await import('ioredis');
      const redis = new Redis(config.redisUrl);
      raw = { redis, queries: rawPresenceQueries(redis, config.keyPrefix) };
    }
    return { port: handle.port, adapter: handle.adapterName, pid: process.pid };
  },

  cpu() {
    const { user, system } = process.cpuUsage();
    return { micros: user + system, at: now() };
  },

  stats({ gc = false } = {}) {
    if (gc) {
      if (typeof globalThis.gc !== 'function') throw new Error('host needs --expose-gc');
      globalThis.gc();
      globalThis.gc();
    }
    const memory = process.memoryUsage();
    return { heapUsed: memory.heapUsed, rss: memory.rss, sockets: handle.namespace.sockets.size, unhandledRejections };
  },

  /** Waits (bounded) until this node holds `count` sockets. */
  async waitSockets({ count, timeoutMs = 30_000 }) {
    const started = Date.now();
    while (handle.namespace.sockets.size !== count) {
      if (Date.now() - started > timeoutMs) throw new Error(`${arm} holds ${handle.namespace.sockets.size} sockets, expected ${count} after ${timeoutMs} ms`);
      await sleep(20);
    }
    return { waitedMs: Date.now() - started };
  },

  /**
   * Waits (bounded) until this node holds no socket and, where the arm keeps presence, nobody of
   * `tenants` is online any more: the previous pass has fully left before the next one starts.
   */
  async waitIdle({ tenants = [], timeoutMs = 30_000 }) {
    const started = Date.now();
    const busy = async () => {
      if (handle.namespace.sockets.size > 0) return `${handle.namespace.sockets.size} sockets`;
      for (const tenantId of handle.presence?.count ? tenants : []) {
        const online = await handle.presence.count(tenantId);
        if (online > 0) return `${online} online in ${tenantId}`;
      }
      return undefined;
    };
    for (let left = await busy(); left; left = await busy()) {
      if (Date.now() - started > timeoutMs) throw new Error(`${arm} still has ${left} after ${timeoutMs} ms`);
      await sleep(20);
    }
    return { waitedMs: Date.now() - started };
  },

  /**
   * Emits `count` stamped messages to a tenant room at `rate` per second (open loop: each on its
   * planned time, whatever the previous one cost) and reports this process's CPU over the burst.
   */
  async broadcast({ tenantId, rate, count, payloadBytes, event = STAMPED_EVENT }) {
    const payload = 'x'.repeat(payloadBytes);
    const intervalMs = 1000 / rate;
    const room = tenantRoom(tenantId);
    let emitMicros = 0;
    let recipients = 0;
    const cpuStart = process.cpuUsage();
    const started = performance.now();
    for (let seq = 0; seq < count; seq += 1) {
      const wait = started + seq * intervalMs - performance.now();
      if (wait > 0) await sleep(wait);
      recipients += handle.namespace.adapter.rooms.get(room)?.size ?? 0;
      const before = performance.now();
      handle.emit(tenantId, event, { ts: now(), seq, tenantId, payload });
      emitMicros += (performance.now() - before) * 1000;
    }
    // Let the last writes leave the process before CPU is read.
    await new Promise((resolve) => setImmediate(resolve));
    const cpu = process.cpuUsage(cpuStart);
    return { sent: count, recipients, emitMicros, cpuMicros: cpu.user + cpu.system, wallMs: performance.now() - started };
  },

  /**
   * Closes every connection's transport without a Socket.IO disconnect packet, as a crashed
   * proxy or a network cut does: clients see a transport close and reconnect.
   */
  forceDisconnect() {
    let closed = 0;
    for (const socket of handle.namespace.sockets.values()) {
      socket.conn.close();
      closed += 1;
    }
    return { closed, at: now() };
  },

  async presenceCount({ tenantId }) {
    if (!handle.presence) return { count: null };
    return { count: await handle.presence.count(tenantId) };
  },

  /**
   * Times `calls` sequential presence queries through the library's API (`library`) or plain
   * ioredis on the same keys (`raw`). `null` when that side has no such query.
   */
  async presenceQuery({ impl, op, tenantId, userIds, calls }) {
    const target = impl === 'raw' ? raw?.queries : handle.presence;
    const query = target?.[op];
    if (typeof query !== 'function') return null;
    const histogram = newHistogram();
    let size = 0;
    for (let i = 0; i < calls; i += 1) {
      const userId = userIds[i % userIds.length];
      const before = performance.now();
      const result = await query.call(target, tenantId, userId);
      recordMicros(histogram, (performance.now() - before) * 1000);
      size = Array.isArray(result) ? result.length : Number(result);
    }
    return { histogram: encodeHistogram(histogram), lastResult: size };
  },

  /** Times `calls` sequential `fetchSockets()` of a tenant room (cross-node with a cluster adapter). */
  async fetchSockets({ tenantId, calls }) {
    const histogram = newHistogram();
    let found = 0;
    for (let i = 0; i < calls; i += 1) {
      const before = performance.now();
      found = (await handle.namespace.in(tenantRoom(tenantId)).fetchSockets()).length;
      recordMicros(histogram, (performance.now() - before) * 1000);
    }
    return { histogram: encodeHistogram(histogram), found };
  },

  jwtMicrobench({ iterations }) {
    return jwtMicrobench(iterations);
  },

  async stop() {
    await handle?.close();
    await raw?.redis.quit().catch(() => undefined);
    setImmediate(() => process.exit(0));
    return { unhandledRejections };
  },
});
