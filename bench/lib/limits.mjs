// OS limits a run must fit in (BENCHMARKS.md rule 6): file descriptors per process and the
// ephemeral port range towards one server address.
import { readFileSync } from 'node:fs';

/** Descriptors a process needs beyond its sockets: stdio, IPC, Redis, libuv, log files. */
export const FD_OVERHEAD = 256;

/**
 * Descriptors one process needs to hold `sockets` connections. Each bench process holds one end
 * of each connection (the generator the client end, the server the other), so the spec's
 * "2.2 × N" — both ends in one process — becomes 1.1 × N here.
 */
export function fdsNeeded(sockets) {
  return Math.ceil(sockets * 1.1) + FD_OVERHEAD;
}

/**
 * How to give a child `needed` descriptors: nothing, a higher soft limit (up to the hard one),
 * or, for root, a higher hard limit too. `error` when none is possible.
 * @returns {{ nofile?: string, error?: string }}
 */
export function fdPlan({ soft, hard, needed, isRoot }) {
  if (soft >= needed) return {};
  if (hard >= needed) return { nofile: `${needed}:` };
  if (isRoot) return { nofile: `${needed}:${needed}` };
  return { error: `needs ${needed} open files per process but the hard limit is ${hard}: raise it (ulimit -Hn) or use fewer clients` };
}

/** Clients one process may open towards a single server address:port before the ephemeral ports run out. */
export function portBudget({ low, high }) {
  return Math.floor((high - low + 1) * 0.9);
}

/** The current process's open-file limits, from /proc (Linux); `Infinity` elsewhere. */
export function readFdLimits() {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((row) => row.startsWith('Max open files'));
    const [soft, hard] = line.replace('Max open files', '').trim().split(/\s+/).map((value) => (value === 'unlimited' ? Infinity : Number(value)));
    return { soft, hard };
  } catch {
    return { soft: Infinity, hard: Infinity };
  }
}

/** The ephemeral port range (Linux); the usual default elsewhere. */
export function readPortRange() {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    return { low, high };
  } catch {
    return { low: 32768, high: 60999 };
  }
}

/**
 * Checks that `sockets` connections fit one process and one server port, and says how to start
 * the process. Throws with the fix when they do not.
 */
export function planSockets(sockets) {
  const limits = readFdLimits();
  const plan = fdPlan({ ...limits, needed: fdsNeeded(sockets), isRoot: process.getuid?.() === 0 });
  if (plan.error) throw new Error(`bench: ${plan.error}`);
  const range = readPortRange();
  if (sockets > portBudget(range)) {
    throw new Error(`bench: ${sockets} clients towards one server port exceed the ephemeral port range ${range.low}-${range.high}; spread them over several 127.0.0.x addresses or use fewer`);
  }
  return plan;
}
