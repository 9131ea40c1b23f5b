import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Starts a bench server script in its own process, pinned to `cpu` with taskset when available,
 * and resolves with its port once it prints `{"port": n}`.
 */
export function startServer(script, cpu, env = {}) {
  const path = fileURLToPath(new URL(`../servers/${script}`, import.meta.url));
  const [command, args] = process.platform === 'linux' ? ['taskset', ['-c', String(cpu), process.execPath, path]] : [process.execPath, [path]];
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}`)));
    child.stdout.once('data', (chunk) => {
      const { port } = JSON.parse(chunk.toString());
      resolve({
        port,
        stop: () =>
          new Promise((done) => {
            child.removeAllListeners('exit');
            child.once('exit', done);
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
