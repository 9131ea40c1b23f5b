// Regenerates the lockfile of each fixture (or of those named on the command line) outside the
// repository, so npm never mistakes a fixture for part of the monorepo's workspace:
//   node examples/compat/scripts/update-lockfiles.mjs [fixture ...]
// Our own packages are not in any fixture's package.json: the suite installs them from freshly
// packed tarballs, so no lockfile ever records a tarball path.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const fixturesDir = fileURLToPath(new URL('../fixtures/', import.meta.url));
const names = process.argv.slice(2).length > 0 ? process.argv.slice(2) : readdirSync(fixturesDir);

for (const name of names) {
  const scratch = mkdtempSync(join(tmpdir(), `tenantcast-lock-${name}-`));
  try {
    cpSync(join(fixturesDir, name, 'package.json'), join(scratch, 'package.json'));
    execFileSync('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund'], { cwd: scratch, stdio: 'inherit' });
    cpSync(join(scratch, 'package-lock.json'), join(fixturesDir, name, 'package-lock.json'));
    console.log(`updated ${name}/package-lock.json`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
