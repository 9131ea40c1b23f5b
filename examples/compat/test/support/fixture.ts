import { readFileSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { run, runOk, type CommandResult } from './commands';
import type { PackedPackage } from './pack-tarballs.global-setup';
import { COMPAT_ROOT } from './paths';

/** The package managers fixtures are installed with, from `packageManager` in their package.json. */
export type PackageManager = 'npm' | 'pnpm';

/** A fixture copied outside the repository and installed. */
export interface InstalledFixture {
  name: string;
  packageManager: PackageManager;
  /** The scratch directory the fixture runs in. */
  dir: string;
  /** What the installs printed, where npm and pnpm report peer conflicts. */
  installLog: string;
  /** Reads a JSON file of the installed fixture, e.g. `node_modules/@nestjs/core/package.json`. */
  readJson<T>(path: string): Promise<T>;
  /** Runs a command in the fixture. */
  exec(command: string, args: readonly string[]): Promise<CommandResult>;
  /** Lists the whole installed tree; a non-zero exit means an invalid one (npm checks peers here). */
  listTree(): Promise<CommandResult>;
  /** Removes the scratch directory. */
  remove(): Promise<void>;
}

/** Options of {@link installFixture}. */
export interface InstallOptions {
  /** Copy the shared app sources (`examples/compat/app/src`) next to the fixture's own. */
  withApp: boolean;
  /** Our packages as a user's install line names them. */
  install: readonly PackedPackage[];
  /** Our packages that only come in as dependencies of those (they are on no registry). */
  provide?: readonly PackedPackage[];
}

const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund'];

// pnpm exports only its package.json; its bin entry names the CLI.
const pnpmManifest = createRequire(import.meta.url).resolve('pnpm');
const PNPM_CLI = join(dirname(pnpmManifest), (JSON.parse(readFileSync(pnpmManifest, 'utf8')) as { bin: { pnpm: string } }).bin.pnpm);

/**
 * Copies `fixtures/<name>` into a fresh temporary directory, so that nothing resolves from the
 * monorepo's node_modules, installs its committed lockfile strictly, then our packages from
 * their tarballs. npm gets them with `--no-save`; pnpm as `file:` dependencies of the scratch
 * copy. Either way the committed lockfile never records a tarball path.
 */
export async function installFixture(name: string, options: InstallOptions): Promise<InstalledFixture> {
  const dir = await mkdtemp(join(tmpdir(), `tenantcast-compat-${name}-`));
  await cp(join(COMPAT_ROOT, 'fixtures', name), dir, { recursive: true });
  if (options.withApp) await cp(join(COMPAT_ROOT, 'app', 'src'), join(dir, 'src'), { recursive: true });
  const manifest = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  const packageManager: PackageManager = String(manifest.packageManager ?? '').startsWith('pnpm@') ? 'pnpm' : 'npm';
  const fixture: InstalledFixture = {
    name,
    packageManager,
    dir,
    installLog: '',
    readJson: async <T>(path: string) => JSON.parse(await readFile(join(dir, path), 'utf8')) as T,
    exec: (command, args) => run(command, args, dir),
    listTree: () => (packageManager === 'pnpm' ? run(process.execPath, [PNPM_CLI, 'list', '--depth', 'Infinity'], dir) : run('npm', ['ls', '--all'], dir)),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  const ours = [...options.install, ...(options.provide ?? [])];
  if (packageManager === 'npm') {
    const ci = await runOk('npm', ['ci', ...NPM_FLAGS], dir);
    fixture.installLog = ci.stdout + ci.stderr + (await installTarballs(dir, ours.map((pkg) => pkg.tarball)));
  } else {
    const frozen = await runOk(process.execPath, [PNPM_CLI, 'install', '--frozen-lockfile', '--prefer-offline'], dir);
    const dependencies = { ...(manifest.dependencies as Record<string, string>), ...Object.fromEntries(options.install.map((pkg) => [pkg.name, `file:${pkg.tarball}`])) };
    const overrides = Object.fromEntries((options.provide ?? []).map((pkg) => [pkg.name, `file:${pkg.tarball}`]));
    await writeFile(join(dir, 'package.json'), `${JSON.stringify({ ...manifest, dependencies, pnpm: { overrides } }, null, 2)}\n`);
    const added = await runOk(process.execPath, [PNPM_CLI, 'install', '--no-frozen-lockfile', '--prefer-offline'], dir);
    fixture.installLog = frozen.stdout + frozen.stderr + added.stdout + added.stderr;
  }
  return fixture;
}

/** Installs tarballs with npm into an installed fixture without recording them; returns npm's output. */
export async function installTarballs(dir: string, tarballs: readonly string[]): Promise<string> {
  if (tarballs.length === 0) return '';
  const result = await runOk('npm', ['install', '--no-save', ...NPM_FLAGS, ...tarballs], dir);
  return result.stdout + result.stderr;
}

/** Sets `overrides` in an npm fixture's package.json and reinstalls, then the tarballs again (npm install prunes unsaved packages). */
export async function applyOverrides(fixture: InstalledFixture, overrides: Record<string, string>, tarballs: readonly string[]): Promise<string> {
  const manifest = await fixture.readJson<Record<string, unknown>>('package.json');
  await writeFile(join(fixture.dir, 'package.json'), `${JSON.stringify({ ...manifest, overrides }, null, 2)}\n`);
  const install = await runOk('npm', ['install', ...NPM_FLAGS], fixture.dir);
  return install.stdout + install.stderr + (await installTarballs(fixture.dir, tarballs));
}

interface TreeNode {
  version?: string;
  dependencies?: Record<string, TreeNode>;
}

/** The distinct versions of `name` anywhere in the fixture's tree (`npm ls --json` / `pnpm list --json`). */
export async function installedVersions(fixture: InstalledFixture, name: string): Promise<string[]> {
  const result =
    fixture.packageManager === 'pnpm'
      ? await fixture.exec(process.execPath, [PNPM_CLI, 'list', '--depth', 'Infinity', '--json'])
      : await fixture.exec('npm', ['ls', name, '--all', '--json']);
  const parsed = JSON.parse(result.stdout) as TreeNode | TreeNode[];
  const versions = new Set<string>();
  const visit = (node: TreeNode): void => {
    for (const [dependency, child] of Object.entries(node.dependencies ?? {})) {
      // pnpm reports a tarball dependency's version as its file: path; its package.json has the real one.
      if (dependency === name && child.version) versions.add(child.version.startsWith('file:') ? readVersion(fixture.dir, name) : child.version);
      visit(child);
    }
  };
  (Array.isArray(parsed) ? parsed : [parsed]).forEach(visit);
  return [...versions].sort();
}

function readVersion(dir: string, name: string): string {
  return (JSON.parse(readFileSync(join(dir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
}
