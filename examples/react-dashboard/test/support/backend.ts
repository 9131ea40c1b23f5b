import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort, waitFor } from '@tenantcast/test-support';

const MAIN = fileURLToPath(new URL('../../../nest-rca/dist/main.js', import.meta.url));
const DASHBOARD_DIR = fileURLToPath(new URL('../../dist', import.meta.url));

/** A fixed secret, so tokens stay valid across a restart of the backend (the demo's random one would not). */
export const TEST_JWT_SECRET = 'react-dashboard-browser-tests-0123456789abcdefghij';

/** Milliseconds for the backend to answer its health check after starting. */
const START_TIMEOUT_MS = 20_000;

/** The built backend serving the built dashboard, as `npm run demo` runs it, in a child process. */
export interface Backend {
  /** `http://127.0.0.1:<port>`, the page and the API alike. */
  readonly url: string;
  /** Starts it again on the same port (after `stop`), optionally with other variables. */
  start(env?: Record<string, string>): Promise<void>;
  /** Stops it (SIGTERM) and resolves once the process has exited. */
  stop(): Promise<void>;
}

/**
 * Starts examples/nest-rca's `dist/main.js` with DEMO_AUTH, in-memory presence and DASHBOARD_DIR
 * pointing at this package's build, on a free port it keeps across restarts.
 */
export async function startBackend(): Promise<Backend> {
  for (const [path, build] of [[MAIN, 'examples/nest-rca'], [`${DASHBOARD_DIR}/index.html`, 'examples/react-dashboard']] as const) {
    if (!existsSync(path)) throw new Error(`${path} is missing: build first (npx turbo run build --filter=react-dashboard..., or npm test, builds ${build}).`);
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let output = '';

  const start = async (env: Record<string, string> = {}): Promise<void> => {
    const childEnv: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DEMO_AUTH: 'true', JWT_SECRET: TEST_JWT_SECRET, DASHBOARD_DIR, ...env };
    delete childEnv.REDIS_URL;
    delete childEnv.REDIS_KEY_PREFIX;
    output = '';
    const started = spawn(process.execPath, [MAIN], { env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    started.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    started.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child = started;
    // Never leave the backend behind, whatever ends the test process.
    process.once('exit', () => started.kill());
    try {
      await waitFor(async () => {
        if (started.exitCode !== null) throw new Error(`the backend exited with code ${started.exitCode}:\n${output}`);
        return (await fetch(`${url}/realtime/health`).catch(() => undefined))?.ok === true;
      }, `the backend at ${url}`, START_TIMEOUT_MS);
    } catch (error) {
      await stop();
      throw error;
    }
  };

  const stop = async (): Promise<void> => {
    const running = child;
    child = undefined;
    if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => running.once('exit', () => resolve()));
    running.kill('SIGTERM');
    await exited;
  };

  await start();
  return { url, start, stop };
}
