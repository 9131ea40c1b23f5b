// The wrapper's cost against raw socket.io-client, side by side in one run:
//   - CPU time per received message (client process only; the server runs in a child process),
//   - heap per connected client instance.
// Runs are interleaved (raw, wrapped, wrapped, raw, …) and each figure is the median of 3.
//
// Usage (after `npm run build`):  node bench/client-overhead.mjs
// Knobs: BENCH_CLIENTS (default 50), BENCH_MESSAGES (per client, default 8000), BENCH_HEAP_CLIENTS (default 300).
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

const ROLE = process.argv[2];
if (ROLE === 'server') await runServer();
else await runBench();

// ---------------------------------------------------------------------------------------------
// Server: a bare socket.io server that speaks just enough of the Tenantcast contract for the
// wrapped client to reach `connected` (no JWT check: the cost measured is the client's).
async function runServer() {
  const { createServer } = await import('node:http');
  const { Server } = await import('socket.io');
  const http = createServer();
  const io = new Server(http, { transports: ['websocket'], serveClient: false });
  io.use((socket, next) => (typeof socket.handshake.auth?.token === 'string' ? next() : next(new Error('Unauthorized'))));
  io.on('connection', (socket) => {
    socket.join('bench');
    socket.emit('connected', {
      user: { userId: socket.id, tenantId: 'bench' },
      server: { namespace: '/', pingInterval: 25_000, pingTimeout: 20_000, maxPayloadBytes: 65_536, roomKinds: [], protocolVersion: 1 },
      tokenExpiresAt: Date.now() + 3_600_000,
    });
  });
  http.listen(0, '127.0.0.1', () => process.send({ port: http.address().port }));
  const payload = 'x'.repeat(120);
  process.on('message', async ({ cmd, count }) => {
    if (cmd === 'blast') {
      // In slices, so the socket buffers drain between them.
      for (let sent = 0; sent < count; ) {
        const slice = Math.min(500, count - sent);
        for (let i = 0; i < slice; i += 1, sent += 1) {
          io.to('bench').emit('tick', { id: `m${sent}`, type: 'tick', data: { n: sent, payload }, timestamp: Date.now(), metadata: { tenantId: 'bench' } });
        }
        await new Promise((resolve) => setImmediate(resolve));
      }
      process.send({ done: true });
    } else if (cmd === 'stop') {
      io.close();
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------------------------------------
async function runBench() {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const { io } = await import('socket.io-client');
  const { createRealtimeClient, silentLogger } = await import('@tenantcast/client');

  const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 50);
  const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 8_000);
  const HEAP_CLIENTS = Number(process.env.BENCH_HEAP_CLIENTS ?? 300);
  const RUNS = 3;

  const server = fork(new URL(import.meta.url).pathname, ['server'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const [{ port }] = await once(server, 'message');
  const url = `http://127.0.0.1:${port}`;

  const variants = {
    raw: {
      async open() {
        const socket = io(url, { forceNew: true, transports: ['websocket'], auth: { token: 'bench' }, reconnection: true });
        await once(socket, 'connected');
        return { listen: (handler) => socket.on('tick', handler), close: () => socket.disconnect() };
      },
    },
    wrapped: {
      async open() {
        const client = createRealtimeClient({ url, token: () => 'bench', transports: ['websocket'], logger: silentLogger });
        await new Promise((resolve) => {
          const stop = client.status.subscribe(() => client.status.getSnapshot().type === 'connected' && (stop(), resolve()));
        });
        return { listen: (handler) => client.on('tick', handler), close: () => client.close() };
      },
    },
  };

  async function openMany(variant, count) {
    const handles = [];
    // A few at a time: a burst of handshakes is not what is measured.
    for (let i = 0; i < count; i += 25) {
      handles.push(...(await Promise.all(Array.from({ length: Math.min(25, count - i) }, () => variant.open()))));
    }
    return handles;
  }

  async function closeAll(handles) {
    for (const handle of handles) handle.close();
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  /** CPU microseconds of this process per message received, over CLIENTS × MESSAGES deliveries. */
  async function cpuPerMessage(variant) {
    const handles = await openMany(variant, CLIENTS);
    let received = 0;
    let expected = 0;
    let resolveAll;
    for (const handle of handles) {
      handle.listen((envelope) => {
        // What an app handler would at least do: read the data.
        if (envelope.data.n >= 0) received += 1;
        if (received === expected) resolveAll();
      });
    }
    const blast = async (count) => {
      expected = received + count * handles.length;
      const all = new Promise((resolve) => (resolveAll = resolve));
      server.send({ cmd: 'blast', count });
      await Promise.all([all, once(server, 'message')]);
    };
    await blast(Math.ceil(MESSAGES / 10)); // warm-up
    gc();
    const before = process.cpuUsage();
    await blast(MESSAGES);
    const used = process.cpuUsage(before);
    await closeAll(handles);
    return (used.user + used.system) / (MESSAGES * handles.length);
  }

  /** Heap bytes per connected client instance, after a full GC on both sides of the measure. */
  async function heapPerClient(variant) {
    gc();
    gc();
    const before = process.memoryUsage().heapUsed;
    const handles = await openMany(variant, HEAP_CLIENTS);
    gc();
    gc();
    const after = process.memoryUsage().heapUsed;
    await closeAll(handles);
    return (after - before) / HEAP_CLIENTS;
  }

  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const results = { raw: { cpu: [], heap: [] }, wrapped: { cpu: [], heap: [] } };
  const started = Date.now();
  for (let run = 0; run < RUNS; run += 1) {
    const order = run % 2 === 0 ? ['raw', 'wrapped'] : ['wrapped', 'raw'];
    for (const name of order) results[name].cpu.push(await cpuPerMessage(variants[name]));
    for (const name of [...order].reverse()) results[name].heap.push(await heapPerClient(variants[name]));
  }
  server.send({ cmd: 'stop' });

  const raw = { cpu: median(results.raw.cpu), heap: median(results.raw.heap) };
  const wrapped = { cpu: median(results.wrapped.cpu), heap: median(results.wrapped.heap) };
  const row = (label, rawValue, wrappedValue, unit, digits) =>
    `${label.padEnd(26)} ${rawValue.toFixed(digits).padStart(10)} ${wrappedValue.toFixed(digits).padStart(10)}  ${unit.padEnd(4)} ${(wrappedValue / rawValue).toFixed(2).padStart(6)}×`;
  console.log(`Node ${process.version}, ${CLIENTS} clients × ${MESSAGES} messages (CPU), ${HEAP_CLIENTS} clients (heap), median of ${RUNS} interleaved runs`);
  console.log(`${''.padEnd(26)} ${'raw'.padStart(10)} ${'wrapped'.padStart(10)}  ${''.padEnd(4)} ${'ratio'.padStart(7)}`);
  console.log(row('CPU per received message', raw.cpu, wrapped.cpu, 'µs', 2));
  console.log(row('heap per client instance', raw.heap / 1024, wrapped.heap / 1024, 'KiB', 1));
  console.log(`raw runs: cpu ${results.raw.cpu.map((v) => v.toFixed(2)).join(', ')} µs; heap ${results.raw.heap.map((v) => (v / 1024).toFixed(1)).join(', ')} KiB`);
  console.log(`wrapped runs: cpu ${results.wrapped.cpu.map((v) => v.toFixed(2)).join(', ')} µs; heap ${results.wrapped.heap.map((v) => (v / 1024).toFixed(1)).join(', ')} KiB`);
  console.log(`took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(0);
}
