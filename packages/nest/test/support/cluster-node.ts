import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_SECRET } from './tokens';

const FIXTURE = fileURLToPath(new URL('../fixtures/cluster-node.mjs', import.meta.url));

/** Environment of one cluster process; see fixtures/cluster-node.mjs. */
export interface ClusterNodeEnv {
  NODE_ID: string;
  TC_ADAPTER: 'redis' | 'redis-sharded' | 'redis-streams' | 'memory';
  TC_REDIS_URL?: string;
  TC_KEY_PREFIX?: string;
  TC_ADAPTER_PREFIX?: string;
  TC_TTL_MS?: string;
  TC_SWEEP_MS?: string;
  TC_PING_INTERVAL?: string;
  TC_PING_TIMEOUT?: string;
  TC_REQUESTS_TIMEOUT_MS?: string;
  TC_RECOVERY_MS?: string;
  TC_PORT?: string;
  /** '1' accepts the token from the `?token=` query parameter. */
  TC_ALLOW_QUERY_TOKEN?: string;
  /** Comma-separated `auth.redactHeaders`; unset for the default. */
  TC_REDACT_HEADERS?: string;
  /** A Redis set of revoked `jti|iss` that `auth.isRevoked` reads; unset: nothing is revoked. */
  TC_DENYLIST_KEY?: string;
}

/** One process of a test cluster, started, tracked and stopped by its test only. */
export class ClusterNode {
  /** Everything the process wrote to stderr. */
  stderr = '';

  private constructor(
    readonly id: string,
    readonly port: number,
    readonly child: ChildProcess,
  ) {
    child.stderr!.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
  }

  /** Base URL of the process's HTTP server (and Socket.IO). */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Whether the process has exited. */
  get exited(): boolean {
    return this.child.exitCode !== null || this.child.signalCode !== null;
  }

  /** Starts a process and resolves once it listens. */
  static start(env: ClusterNodeEnv): Promise<ClusterNode> {
    const child = spawn(process.execPath, [FIXTURE], { env: { ...process.env, TC_SECRET: TEST_SECRET, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let early = '';
    child.stderr!.on('data', (chunk: Buffer) => (early += chunk.toString()));
    return new Promise((resolve, reject) => {
      const onExit = (code: number | null) => reject(new Error(`cluster node ${env.NODE_ID} exited with ${code} before listening: ${early}`));
      child.once('exit', onExit);
      child.stdout!.once('data', (chunk: Buffer) => {
        child.off('exit', onExit);
        const node = new ClusterNode(env.NODE_ID, (JSON.parse(chunk.toString()) as { port: number }).port, child);
        node.stderr = early;
        resolve(node);
      });
    });
  }

  /** Runs one of the fixture's commands through RealtimeService on this process. */
  async command<T = unknown>(name: string, params: Record<string, string | number> = {}): Promise<T> {
    const query = new URLSearchParams(Object.entries(params).map(([key, value]): [string, string] => [key, String(value)]));
    const response = await fetch(`${this.url}/cmd/${name}?${query.toString()}`);
    const body = (await response.json()) as T & { error?: string };
    if (!response.ok) throw Object.assign(new Error(`${name} on ${this.id} failed: ${body.error}`), body);
    return body;
  }

  /** Sends a signal (SIGSTOP, SIGCONT, …) to the process. */
  signal(signal: NodeJS.Signals): void {
    if (!this.exited) this.child.kill(signal);
  }

  /** Sends `signal` (SIGKILL by default) and resolves once the process has exited; a no-op once it has. */
  stop(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    if (this.exited) return Promise.resolve();
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      // A stopped process only acts on a signal once continued.
      if (signal !== 'SIGKILL') this.child.kill('SIGCONT');
      this.child.kill(signal);
    });
  }

  /** Lines that report an unhandled rejection or an uncaught exception; empty when healthy. */
  fatalLines(): string[] {
    return this.stderr.split('\n').filter((line) => line.startsWith('TC-FATAL'));
  }
}
