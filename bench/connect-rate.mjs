// B1 (quick form): JWT verification cost, and connect rate of the library (JWT + tenant rooms +
// in-memory presence) against bare Socket.IO, interleaved in one run. Servers run on CPU 0, this
// generator on CPU 1. Usage: node bench/connect-rate.mjs [clients=1000] [inFlight=100]
import { createSecretKey } from 'node:crypto';
import { createRequire } from 'node:module';
import os from 'node:os';
import { startServer } from './lib/child-server.mjs';
import { rawConnect } from './lib/raw-connect.mjs';
import { BENCH_SECRET, benchToken } from './lib/tokens.mjs';

const require = createRequire(import.meta.url);
const jwt = require(require.resolve('jsonwebtoken', { paths: [require.resolve('@nestjs/jwt')] }));

const CLIENTS = Number(process.argv[2] ?? 1000);
const IN_FLIGHT = Number(process.argv[3] ?? 100);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const percentile = (values, p) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];

function jwtMicrobench() {
  const token = benchToken('u1', 'acme');
  const options = { algorithms: ['HS256'] };
  const key = createSecretKey(Buffer.from(BENCH_SECRET));
  const measure = (secret, iterations) => {
    for (let i = 0; i < 500; i += 1) jwt.verify(token, secret, options);
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) jwt.verify(token, secret, options);
    return Number(process.hrtime.bigint() - start) / 1000 / iterations;
  };
  return { keyObjectMicros: measure(key, 20_000), stringSecretMicros: measure(BENCH_SECRET, 2_000) };
}

async function connectPass(port, tokens) {
  const sockets = [];
  const latencies = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < tokens.length) {
      const token = tokens[next++];
      try {
        const { ws, ms } = await rawConnect(port, '/rca', token);
        sockets.push(ws);
        latencies.push(ms);
      } catch {
        failures += 1;
      }
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  const seconds = (performance.now() - started) / 1000;
  for (const ws of sockets) ws.terminate();
  await new Promise((resolve) => setTimeout(resolve, 500));
  return { rate: latencies.length / seconds, p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), failures };
}

const tokens = Array.from({ length: CLIENTS }, (_, index) => benchToken(`user-${index}`, `tenant-${index % 10}`));
const micro = jwtMicrobench();
const bare = await startServer('bare-server.mjs', 0);
const lib = await startServer('lib-server.mjs', 0);
await connectPass(bare.port, tokens.slice(0, 200));
await connectPass(lib.port, tokens.slice(0, 200));
const passes = { bare: [], lib: [] };
for (let round = 0; round < 3; round += 1) {
  passes.bare.push(await connectPass(bare.port, tokens));
  passes.lib.push(await connectPass(lib.port, tokens));
}
await Promise.all([bare.stop(), lib.stop()]);

const ratios = passes.lib.map((pass, index) => pass.rate / passes.bare[index].rate);
const summary = {
  scenario: 'B1-quick connect handshake',
  clients: CLIENTS,
  inFlight: IN_FLIGHT,
  jwtVerifyMicros: { keyObject: +micro.keyObjectMicros.toFixed(2), stringSecret: +micro.stringSecretMicros.toFixed(2) },
  bare: { connPerSec: Math.round(median(passes.bare.map((p) => p.rate))), p50Ms: +median(passes.bare.map((p) => p.p50)).toFixed(2), p99Ms: +median(passes.bare.map((p) => p.p99)).toFixed(2), failures: passes.bare.reduce((n, p) => n + p.failures, 0) },
  lib: { connPerSec: Math.round(median(passes.lib.map((p) => p.rate))), p50Ms: +median(passes.lib.map((p) => p.p50)).toFixed(2), p99Ms: +median(passes.lib.map((p) => p.p99)).toFixed(2), failures: passes.lib.reduce((n, p) => n + p.failures, 0) },
  connRateRatioMedian: +median(ratios).toFixed(3),
  ratios: ratios.map((r) => +r.toFixed(3)),
  machine: { cpu: os.cpus()[0]?.model, cores: os.cpus().length, node: process.version, socketIo: require('socket.io/package.json').version },
};
console.log(JSON.stringify(summary, null, 2));
