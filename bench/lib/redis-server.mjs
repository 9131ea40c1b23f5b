// The bench's own Redis: a redis-server on a free port of 127.0.0.1 with persistence off
// (`--save '' --appendonly no`), niced, started and stopped by the runner. Never the shared
// Redis on 6379.
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startProcess, stopProcess } from './processes.mjs';

export async function freePort() {
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Parses an INFO reply into `{ field: value }` (numbers where numeric). */
export function parseInfo(text) {
  const info = {};
  for (const line of text.split(/\r?\n/)) {
    if (!line || line.startsWith('#')) continue;
    const separator = line.indexOf(':');
    const value = line.slice(separator + 1);
    info[line.slice(0, separator)] = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  }
  return info;
}

/**
 * Calls per command from INFO commandstats, `{ evalsha: 12, zadd: 40, ... }`, counting the ones
 * Redis refused or failed too (an EVALSHA answered NOSCRIPT is still a round trip).
 */
export function commandCalls(info) {
  const calls = {};
  for (const [field, value] of Object.entries(info)) {
    if (!field.startsWith('cmdstat_')) continue;
    let total = 0;
    for (const match of String(value).matchAll(/(?:^|,)(calls|rejected_calls|failed_calls)=(\d+)/g)) total += Number(match[2]);
    calls[field.slice('cmdstat_'.length)] = total;
  }
  return calls;
}

/** Starts redis-server; resolves once it answers PING. */
export async function startRedis({ log, nice = 5 } = {}) {
  const binary = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (!binary) throw new Error('bench: redis-server is not installed (apt-get install redis-server); scenarios B1 (Redis presence), B6, B7 need it');
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const { Redis } = await import('ioredis');
  const admin = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => 200 });
  admin.on('error', () => undefined);
  let child;
  const launch = async () => {
    child = startProcess(binary, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--loglevel', 'warning'], { nice, log });
    const deadline = Date.now() + 10_000;
    for (;;) {
      try {
        if (admin.status === 'wait' || admin.status === 'end') await admin.connect();
        if ((await admin.ping()) === 'PONG') return;
      } catch {
        if (Date.now() > deadline) throw new Error(`bench: redis-server on port ${port} did not answer within 10 s`);
        await sleep(50);
      }
    }
  };
  await launch();
  const version = parseInfo(await admin.info('server')).redis_version;
  return {
    url,
    port,
    version,
    admin,
    get pid() {
      return child.pid;
    },
    async info(section) {
      return parseInfo(await admin.info(section));
    },
    /** CPU seconds Redis has used (user + system). */
    async cpuSeconds() {
      const info = parseInfo(await admin.info('cpu'));
      return info.used_cpu_user + info.used_cpu_sys;
    },
    async commandCalls() {
      return commandCalls(parseInfo(await admin.info('commandstats')));
    },
    /** Stops Redis without saving, keeps it down for `downMs`, starts it again empty on the same port. */
    async restart(downMs) {
      await stopProcess(child, 'SIGTERM', 3_000);
      await sleep(downMs);
      await launch();
    },
    async stop() {
      admin.disconnect();
      await stopProcess(child, 'SIGTERM', 3_000);
    },
  };
}
