// `npm run demo`: runs the built RCA example (examples/nest-rca) for a local try-out, with
// DEMO_AUTH on (POST /auth/dev-token issues tokens) and presence in memory, until Ctrl-C.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = fileURLToPath(new URL('../examples/nest-rca/dist/main.js', import.meta.url));
const port = process.env.PORT ?? '3000';
// The demo listens on this machine only unless HOST says otherwise (HOST=0.0.0.0 for every interface).
const host = process.env.HOST ?? '127.0.0.1';
const url = `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}`;

if (!existsSync(entry)) {
  console.error(`The example is not built (${entry} is missing). Run \`npm run demo\`, which builds it first.`);
  process.exit(1);
}

const env = { ...process.env, PORT: port, HOST: host, DEMO_AUTH: 'true' };
// The demo needs no service: presence stays in memory even if the shell has REDIS_URL set.
delete env.REDIS_URL;
delete env.REDIS_KEY_PREFIX;

// Own process group, so a terminal Ctrl-C reaches only this script, which then stops the server
// once and gracefully instead of both receiving the signal.
const child = spawn(process.execPath, [entry], { env, stdio: 'inherit', detached: true });
let stopping = false;

child.on('exit', (code, signal) => {
  if (stopping) {
    console.log('Demo stopped.');
    process.exit(0);
  }
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
      `Demo ready at ${url} (Socket.IO namespace /rca, presence in memory, DEMO_AUTH on).`,
      `  Get a token:        curl -s -X POST ${url}/auth/dev-token -H 'Content-Type: application/json' -d '{"userId":"alice","tenantId":"acme","role":"engineer","email":"alice@acme.example"}'`,
      '  See it end to end:  npm run demo:clients   (in another terminal: two acme users and one globex user join RCA 42)',
      '  Stop:               Ctrl-C',
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
