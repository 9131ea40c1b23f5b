// Regenerates the lockfile of each fixture (or of those named on the command line) outside the
// repository, so the package manager never mistakes a fixture for part of the monorepo's workspace:
//   node examples/compat/scripts/update-lockfiles.mjs [fixture ...]
// A fixture whose package.json names `"packageManager": "pnpm@…"` gets a pnpm-lock.yaml from the
// pnpm this workspace pins; the others a package-lock.json. Our own packages are in no fixture's
// package.json: the suite installs them from freshly packed tarballs, so no lockfile records a
// tarball path.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));
// pnpm exports only its package.json; its bin entry names the CLI.
const pnpmManifest = createRequire(import.meta.url).resolve('pnpm');
const pnpmCli = join(dirname(pnpmManifest), JSON.parse(readFileSync(pnpmManifest, 'utf8')).bin.pnpm);
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : readdirSync(fixturesDir);

for (const name of names) {
  const scratch = mkdtempSync(join(tmpdir(), `tenantcast-lock-${name}-`));
  try {
    const manifest = join(fixturesDir, name, 'package.json');
    cpSync(manifest, join(scratch, 'package.json'));
    const usesPnpm = String(JSON.parse(readFileSync(manifest, 'utf8')).packageManager ?? '').startsWith('pnpm@');
    const lockfile = usesPnpm ? 'pnpm-lock.yaml' : 'package-lock.json';
    if (usesPnpm) execFileSync(process.execPath, [pnpmCli, 'install', '--lockfile-only'], { cwd: scratch, stdio: 'inherit' });
    else execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund'], { cwd: scratch, stdio: 'inherit' });
    cpSync(join(scratch, lockfile), join(fixturesDir, name, lockfile));
    console.log(`updated ${name}/${lockfile}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
