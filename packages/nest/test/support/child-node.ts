import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A realtime server running in its own OS process. */
export interface ChildNode {
  url: string;
  process: ChildProcess;
  /** The JSON line the process printed once it listened (`port` and whatever it reports). */
  ready: Record<string, unknown> & { port: number };
  /** Kills the process without letting it clean up, like a crashed node; a no-op once it exited. */
  kill9(): Promise<void>;
}

/**
 * Starts a script from `test/fixtures` (by default `realtime-node.cjs`, the built package loaded
 * through `require`) and resolves once it printed its first line, `{"port": n, ...}`.
 */
export function startChildNode(env: Record<string, string>, fixture = 'realtime-node.cjs'): Promise<ChildNode> {
  const script = fileURLToPath(new URL(`../fixtures/${fixture}`, import.meta.url));
  const child = spawn(process.execPath, [script], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`child node exited with ${code}: ${stderr}`)));
    const onData = (chunk: Buffer) => {
      stdout += chunk.toString();
      const end = stdout.indexOf('\n');
      if (end === -1) return;
      child.stdout!.off('data', onData);
      const ready = JSON.parse(stdout.slice(0, end)) as ChildNode['ready'];
      resolve({
        url: `http://127.0.0.1:${ready.port}`,
        process: child,
        ready,
        kill9: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      });
    };
    child.stdout!.on('data', onData);
  });
}
