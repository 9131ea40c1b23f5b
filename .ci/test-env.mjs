// The first step of `npm test`: makes sure what the tests need is there, so a fresh machine
// passes after `npm ci` with no manual step.
//   - Chromium (browser tests drive Debian's Chromium through playwright-core; nothing may
//     download a browser): found at CHROMIUM_PATH or /usr/bin/chromium, else installed with
//     apt-get when running as root.
//   - Redis (presence tests): one answering at REDIS_URL (default redis://127.0.0.1:6379), else a
//     redis-server started on that loopback port (installed with apt-get first when missing and
//     running as root). It is left running, like a Redis the machine would have had anyway.
// Whatever it cannot bring, it reports at once in one line naming what to install: a test must
// never find out later by timing out.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { createConnection } from 'node:net';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);
const REDIS_START_TIMEOUT_MS = 5_000;

class MissingRequirement extends Error {}

const say = (line) => console.log(`test-env: ${line}`);

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(command) {
  return (process.env.PATH ?? '').split(':').some((dir) => dir !== '' && isExecutable(`${dir}/${command}`));
}

const canApt = () => process.getuid?.() === 0 && onPath('apt-get');

let aptUpdated = false;

/** Installs Debian packages quietly; throws with apt's last line if that fails. */
function aptInstall(packageName, why) {
  say(`installing ${packageName} with apt-get (${why})…`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const steps = [...(aptUpdated ? [] : [['update', '-qq']]), ['install', '-y', '-qq', '--no-install-recommends', packageName]];
  for (const args of steps) {
    const result = spawnSync('apt-get', args, { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    if (result.status !== 0) {
      const last = `${result.stderr ?? ''}${result.stdout ?? ''}`.trim().split('\n').at(-1) ?? '';
      throw new MissingRequirement(`apt-get ${args[0]} failed (exit ${result.status}${last ? `: ${last}` : ''}); install ${packageName} yourself (apt-get install -y ${packageName}) and run npm test again.`);
    }
    if (args[0] === 'update') aptUpdated = true;
  }
}

function ensureChromium() {
  if (!isExecutable(CHROMIUM)) {
    if (process.env.CHROMIUM_PATH) throw new MissingRequirement(`CHROMIUM_PATH=${CHROMIUM} is not an executable: point it at a Chromium binary, or unset it to use Debian's /usr/bin/chromium.`);
    if (!canApt()) throw new MissingRequirement(`The browser tests need Chromium at ${CHROMIUM}: install it (sudo apt-get install -y chromium) or set CHROMIUM_PATH to a Chromium binary.`);
    aptInstall('chromium', 'the browser tests drive it');
    if (!isExecutable(CHROMIUM)) throw new MissingRequirement(`apt-get installed chromium but ${CHROMIUM} is missing: set CHROMIUM_PATH to the Chromium binary.`);
  }
  // A binary that cannot even print its version (missing libraries) would fail every launch.
  const version = spawnSync(CHROMIUM, ['--headless', '--no-sandbox', '--version'], { encoding: 'utf8', timeout: 20_000 });
  if (version.status !== 0) {
    const why = (version.stderr || version.error?.message || `exit ${version.status}`).trim().split('\n')[0];
    throw new MissingRequirement(`Chromium at ${CHROMIUM} does not run (${why}): reinstall it (apt-get install --reinstall -y chromium).`);
  }
  say(`${version.stdout.trim()} at ${CHROMIUM}`);
}

/** Resolves true when something at host:port answers a Redis PING (any reply, e.g. NOAUTH, counts). */
function redisAnswers(host, port) {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const done = (answered) => {
      socket.destroy();
      resolve(answered);
    };
    socket.setTimeout(2_000, () => done(false));
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (reply) => done(/^[+-]/.test(reply.toString('latin1'))));
  });
}

async function ensureRedis() {
  const url = new URL(REDIS_URL);
  const host = url.hostname || '127.0.0.1';
  const port = Number(url.port || 6379);
  if (await redisAnswers(host, port)) {
    say(`Redis answers at ${REDIS_URL}`);
    return;
  }
  if (!LOOPBACK.has(host)) throw new MissingRequirement(`No Redis answers at REDIS_URL=${REDIS_URL}: start it, or unset REDIS_URL to let npm test start one on 127.0.0.1:6379.`);
  if (!onPath('redis-server')) {
    if (!canApt()) throw new MissingRequirement(`The Redis tests need Redis at ${REDIS_URL} and none answers: install redis-server (sudo apt-get install -y redis-server) and npm test starts it, or set REDIS_URL.`);
    aptInstall('redis-server', 'the presence tests need a Redis');
    // Debian's package may start its own service; use it if it did.
    if (await redisAnswers(host, port)) {
      say(`Redis answers at ${REDIS_URL}`);
      return;
    }
  }
  say(`starting redis-server on 127.0.0.1:${port} (left running)`);
  const bind = host === 'localhost' ? '127.0.0.1' : host.replace(/^\[|\]$/g, '');
  const server = spawn('redis-server', ['--bind', bind, '--port', String(port), '--save', '', '--appendonly', 'no', '--daemonize', 'yes'], { stdio: 'ignore' });
  const exitCode = await new Promise((resolve) => server.once('exit', resolve).once('error', () => resolve(-1)));
  const deadline = Date.now() + REDIS_START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (await redisAnswers(host, port)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new MissingRequirement(`redis-server did not answer on 127.0.0.1:${port} within ${REDIS_START_TIMEOUT_MS} ms (exit code ${exitCode}): is the port taken by something else? Start Redis yourself or set REDIS_URL.`);
}

try {
  ensureChromium();
  await ensureRedis();
} catch (error) {
  if (!(error instanceof MissingRequirement)) throw error;
  console.error(`test-env: ${error.message}`);
  process.exit(1);
}
