import { spawn, type ChildProcess } from 'node:child_process';
import { childEnv } from './commands';

/** Printed by `app/src/main.ts` once the app listens. */
const READY_MARKER = 'TENANTCAST_COMPAT_READY ';

/** A fixture app running as its own process, as `node dist/main.js`. */
export interface AppProcess {
  url: string;
  /** Every line the app printed so far (stdout and stderr), without colours. */
  output(): string;
  stop(): Promise<void>;
}

/** Everything a process printed before it exited by itself. */
export interface ExitedProcess {
  code: number | null;
  output: string;
}

function spawnApp(dir: string, env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['dist/main.js'], { cwd: dir, env: childEnv({ NO_COLOR: '1', ...env }), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Starts the compiled app and resolves once it printed its port. */
export function startApp(dir: string, env: Record<string, string>, timeoutMs = 30_000): Promise<AppProcess> {
  const { child, output } = spawnApp(dir, env);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app did not start within ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the app exited with ${code} before listening:\n${output()}`));
    });
    const onData = (): void => {
      const line = output()
        .split('\n')
        .find((candidate) => candidate.startsWith(READY_MARKER));
      if (!line) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      child.removeAllListeners('exit');
      const { port } = JSON.parse(line.slice(READY_MARKER.length)) as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        output,
        stop: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      });
    };
    child.stdout!.on('data', onData);
  });
}

/** Runs the compiled app expecting it to exit by itself (a refused boot). */
export function runAppToExit(dir: string, env: Record<string, string>, timeoutMs = 30_000): Promise<ExitedProcess> {
  const { child, output } = spawnApp(dir, env);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the app was expected to exit but was still running after ${timeoutMs} ms:\n${output()}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      // 'exit' can fire before the pipes are drained.
      setImmediate(() => resolve({ code, output: output() }));
    });
  });
}
