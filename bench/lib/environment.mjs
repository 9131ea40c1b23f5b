// The environment block every result carries (BENCHMARKS.md rule 7): machine, versions of
// everything on the wire, pinning and limits, and how loaded the machine was when the run began.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { readFdLimits, readPortRange } from './limits.mjs';
import { tools } from './processes.mjs';

const require = createRequire(import.meta.url);

/** The installed version of `name` (as resolved from package `from`), or `null`. */
function versionOf(name, from) {
  try {
    const options = from ? { paths: [dirname(require.resolve(from))] } : undefined;
    // Walk up from the entry point: some packages do not export their package.json.
    for (let dir = dirname(require.resolve(name, options)); dir !== dirname(dir); dir = dirname(dir)) {
      const manifest = join(dir, 'package.json');
      if (existsSync(manifest)) {
        const { name: found, version } = JSON.parse(readFileSync(manifest, 'utf8'));
        if (found === name) return version;
      }
    }
    return null;
  } catch {
    return null;
  }
}

function git(...args) {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Collects the environment block; `redisVersion` comes from the bench's own Redis when it ran. */
export function collectEnvironment({ mode, redisVersion, argv }) {
  const cpus = os.cpus();
  const fds = readFdLimits();
  const ports = readPortRange();
  return {
    date: new Date().toISOString(),
    mode,
    argv,
    cpu: cpus[0]?.model ?? 'unknown',
    nproc: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    kernel: `${os.type()} ${os.release()}`,
    loadAverageAtStart: os.loadavg().map((value) => Number(value.toFixed(2))),
    node: process.version,
    versions: {
      'socket.io': versionOf('socket.io'),
      'engine.io': versionOf('engine.io', 'socket.io'),
      'socket.io-parser': versionOf('socket.io-parser', 'socket.io'),
      'socket.io-adapter': versionOf('socket.io-adapter', 'socket.io'),
      ws: versionOf('ws', 'engine.io'),
      'socket.io-client': versionOf('socket.io-client'),
      '@socket.io/redis-adapter': versionOf('@socket.io/redis-adapter'),
      '@socket.io/redis-streams-adapter': versionOf('@socket.io/redis-streams-adapter'),
      ioredis: versionOf('ioredis'),
      '@nestjs/core': versionOf('@nestjs/core'),
      '@nestjs/platform-socket.io': versionOf('@nestjs/platform-socket.io'),
      jsonwebtoken: versionOf('jsonwebtoken'),
      '@tenantcast/nest': versionOf('@tenantcast/nest'),
      '@tenantcast/client': versionOf('@tenantcast/client'),
      'hdr-histogram-js': versionOf('hdr-histogram-js'),
      redis: redisVersion ?? null,
    },
    bufferutil: versionOf('bufferutil', 'ws') !== null,
    utf8Validate: versionOf('utf-8-validate', 'ws') !== null,
    parser: `socket.io-parser ${versionOf('socket.io-parser', 'socket.io')} (default JSON parser)`,
    pinning: tools.taskset ? 'taskset: servers on CPU 0, generators on CPU 1' : 'none (taskset missing): figures are less stable',
    openFiles: { soft: fds.soft, hard: fds.hard },
    portRange: `${ports.low}-${ports.high}`,
    commit: git('rev-parse', '--short', 'HEAD'),
    dirty: git('status', '--porcelain', '--untracked-files=no') ? true : false,
  };
}
