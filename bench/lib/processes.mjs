// Every process the harness starts goes through here, so that each one is pinned the way the
// spec asks (taskset at exec, so every thread of the process inherits the CPU), niced where
// asked, given enough file descriptors, and killed on every exit path of the runner.
import { spawn, spawnSync } from 'node:child_process';
import { openSync, closeSync } from 'node:fs';

const children = new Set();
let hooksInstalled = false;

const has = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
/** Which of the pinning and limit tools exist on this machine (util-linux, coreutils). */
export const tools = Object.freeze({ taskset: has('taskset'), nice: has('nice'), prlimit: has('prlimit') });

/**
 * Starts `script` with Node and an IPC channel.
 * @param {object} options
 * @param {number | null} [options.cpu] CPU to pin to (taskset -c); unpinned when `null` or taskset is missing
 * @param {number} [options.nice] niceness to run at
 * @param {string} [options.nofile] prlimit --nofile value (`soft:` or `soft:hard`), from limits.mjs
 * @param {string[]} [options.execArgv] Node flags (e.g. --expose-gc)
 * @param {string} [options.log] file that receives the child's stdout and stderr
 */
export function startNode(script, args = [], { cpu, nice, nofile, execArgv = [], log, env = {} } = {}) {
  return startProcess(process.execPath, [...execArgv, script, ...args], { cpu, nice, nofile, log, env, ipc: true });
}

/** Starts any program under the same pinning, niceness and cleanup rules. */
export function startProcess(command, args, { cpu, nice, nofile, log, env = {}, ipc = false } = {}) {
  installExitHooks();
  const prefix = [];
  if (cpu !== undefined && cpu !== null && tools.taskset) prefix.push('taskset', '-c', String(cpu));
  if (nice !== undefined && nice !== null && tools.nice) prefix.push('nice', '-n', String(nice));
  if (nofile !== undefined && tools.prlimit) prefix.push('prlimit', `--nofile=${nofile}`, '--');
  const argv = [...prefix, command, ...args];
  const out = log ? openSync(log, 'a') : 'ignore';
  const child = spawn(argv[0], argv.slice(1), {
    stdio: ['ignore', out, out, ...(ipc ? ['ipc'] : [])],
    serialization: ipc ? 'advanced' : undefined,
    env: { ...process.env, ...env },
  });
  if (typeof out === 'number') closeSync(out);
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

const exited = (child) => child.exitCode !== null || child.signalCode !== null;

/**
 * Resolves once the child has exited: it gets `waitMs` to exit on its own (a server writing its
 * profile on exit), then `signal`, then SIGKILL after `graceMs`.
 */
export async function stopProcess(child, signal = 'SIGTERM', graceMs = 5_000, waitMs = 0) {
  if (exited(child)) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  if (waitMs > 0) {
    let timer;
    await Promise.race([gone, new Promise((resolve) => (timer = setTimeout(resolve, waitMs)))]);
    clearTimeout(timer);
    if (exited(child)) return;
  }
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  child.kill(signal);
  await gone;
  clearTimeout(timer);
}

/** Kills every child still running; synchronous, so it also works from an `exit` handler. */
export function killAll() {
  for (const child of children) child.kill('SIGKILL');
  children.clear();
}

/** How many started children are still running (the runner checks 0 before it exits). */
export function runningChildren() {
  return children.size;
}

function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.once('exit', killAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      process.stderr.write(`\nbench: ${signal}, stopping every process it started\n`);
      killAll();
      process.exit(130);
    });
  }
}
