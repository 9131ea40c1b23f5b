import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** A realtime server running in its own OS process. */
export interface ChildNode {
  url: string;
  process: ChildProcess;
  /** Kills the process without letting it clean up, like a crashed node; a no-op once it exited. */
  kill9(): Promise<void>;
}

/**
 * Starts `fixtures/realtime-node.{cjs,mjs}` (the built package, through `require` or `import`)
 * and resolves once it listens.
 */
export function startChildNode(env: Record<string, string>, format: 'cjs' | 'mjs' = 'cjs'): Promise<ChildNode> {
  const fixture = fileURLToPath(new URL(`../fixtures/realtime-node.${format}`, import.meta.url));
  const child = spawn(process.execPath, [fixture], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`child node exited with ${code}: ${stderr}`)));
    child.stdout!.once('data', (chunk: Buffer) => {
      const { port } = JSON.parse(chunk.toString()) as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        process: child,
        kill9: () =>
          new Promise((done) => {
            if (child.exitCode !== null || child.signalCode !== null) return done();
            child.removeAllListeners('exit');
            child.once('exit', () => done());
            child.kill('SIGKILL');
          }),
      });
    });
  });
}
