// `npm run demo` (after it built everything): runs the built RCA backend (examples/nest-rca) with
// DEMO_AUTH on, presence in memory and the built React dashboard (examples/react-dashboard)
// served on the same port, prints the one URL to open, and runs until Ctrl-C. Opens nothing.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const dashboard = fileURLToPath(new URL('../../react-dashboard/dist', import.meta.url));
const port = process.env.PORT ?? '3000';
// The demo listens on this machine only unless HOST says otherwise (HOST=0.0.0.0 for every interface).
const host = process.env.HOST ?? '127.0.0.1';
const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;

for (const [path, what] of [[entry, 'The backend'], [`${dashboard}/index.html`, 'The dashboard']]) {
  if (!existsSync(path)) {
    console.error(`${what} is not built (${path} is missing). Run \`npm run demo\` at the repository root, which builds it first.`);
    process.exit(1);
  }
}

const env = { ...process.env, PORT: port, HOST: host, DEMO_AUTH: 'true', DASHBOARD_DIR: dashboard };
// The demo needs no service: presence stays in memory even if the shell has REDIS_URL set.
delete env.REDIS_URL;
delete env.REDIS_KEY_PREFIX;

// Own process group, so a terminal Ctrl-C reaches only this script, which then stops the server
// once and gracefully instead of both receiving the signal. The server's own start-up text is
// kept back (this script prints the one line that matters) and shown only if it stops on its own.
const child = spawn(process.execPath, [entry], { env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
let serverOutput = '';
child.stdout.on('data', (chunk) => (serverOutput += chunk));
let stopping = false;

child.on('exit', (code, signal) => {
  if (stopping) {
    console.log('Demo stopped.');
    process.exit(0);
  }
  process.stderr.write(serverOutput);
  console.error(`\nThe demo server stopped on its own (${signal ?? `exit code ${code}`}).${code === 1 ? ` If port ${port} is taken, run PORT=3001 npm run demo.` : ''}`);
  process.exit(code ?? 1);
});

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping the demo server…');
    child.kill('SIGTERM');
  });
}
// Never leave the server behind, whatever ends this script.
process.on('exit', () => {
  if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
});

if (await waitUntilServing()) {
  console.log(
    [
      '',
      `Tenantcast demo: ${url}`,
      '',
      '  Open it in two browser windows, sign in as alice in one and bob in the other (tenant acme),',
      '  and open RCA 42 in both: each sees the other arrive, leave and post. A window signed in as',
      '  carol (tenant globex) sees none of it.',
      '  Presence is in memory; DEMO_AUTH is on (tokens for anyone who asks: never in production).',
      '  From a terminal instead: npm run demo:clients. Stop with Ctrl-C.',
      '',
    ].join('\n'),
  );
}

/** Polls the health endpoint until the server answers; false if the server exits first. */
async function waitUntilServing() {
  while (child.exitCode === null && child.signalCode === null && !stopping) {
    try {
      if ((await fetch(`${url}/realtime/health`)).ok) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
