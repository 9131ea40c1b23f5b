import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run, runOk, type CommandResult } from './commands';
import { COMPAT_ROOT } from './paths';

/** A fixture copied outside the repository and installed. */
export interface InstalledFixture {
  name: string;
  /** The scratch directory the fixture runs in. */
  dir: string;
  /** The output of `npm ci` and of installing the tarballs, where npm reports ERESOLVE and the like. */
  installLog: string;
  /** Reads a file of the installed fixture, e.g. `node_modules/@nestjs/core/package.json`. */
  readJson<T>(path: string): Promise<T>;
  /** Runs `npx <args>` (or any command) in the fixture. */
  exec(command: string, args: readonly string[]): Promise<CommandResult>;
  /** Removes the scratch directory. */
  remove(): Promise<void>;
}

/** Options of {@link installFixture}. */
export interface InstallOptions {
  /** Copy the shared app sources (`examples/compat/app/src`) next to the fixture's own. */
  withApp: boolean;
  /** Tarballs to install on top of the lockfile. */
  tarballs: readonly string[];
}

const NPM_FLAGS = ['--prefer-offline', '--no-audit', '--no-fund'];

/**
 * Copies `fixtures/<name>` into a fresh temporary directory, so that nothing resolves from the
 * monorepo's node_modules, installs its lockfile with `npm ci`, then our packages from their
 * tarballs with `--no-save`, so the committed lockfile never records a tarball path.
 */
export async function installFixture(name: string, options: InstallOptions): Promise<InstalledFixture> {
  const dir = await mkdtemp(join(tmpdir(), `tenantcast-compat-${name}-`));
  await cp(join(COMPAT_ROOT, 'fixtures', name), dir, { recursive: true });
  if (options.withApp) await cp(join(COMPAT_ROOT, 'app', 'src'), join(dir, 'src'), { recursive: true });
  const fixture: InstalledFixture = {
    name,
    dir,
    installLog: '',
    readJson: async <T>(path: string) => JSON.parse(await readFile(join(dir, path), 'utf8')) as T,
    exec: (command, args) => run(command, args, dir),
    remove: () => rm(dir, { recursive: true, force: true }),
  };
  const ci = await runOk('npm', ['ci', ...NPM_FLAGS], dir);
  fixture.installLog = ci.stdout + ci.stderr + (await installTarballs(dir, options.tarballs));
  return fixture;
}

/** Installs tarballs into an installed fixture without recording them; returns npm's output. */
export async function installTarballs(dir: string, tarballs: readonly string[]): Promise<string> {
  if (tarballs.length === 0) return '';
  const result = await runOk('npm', ['install', '--no-save', ...NPM_FLAGS, ...tarballs], dir);
  return result.stdout + result.stderr;
}

/** Sets `overrides` in the fixture's package.json and reinstalls, then the tarballs again (npm install prunes unsaved packages). */
export async function applyOverrides(fixture: InstalledFixture, overrides: Record<string, string>, tarballs: readonly string[]): Promise<string> {
  const manifest = await fixture.readJson<Record<string, unknown>>('package.json');
  await writeFile(join(fixture.dir, 'package.json'), `${JSON.stringify({ ...manifest, overrides }, null, 2)}\n`);
  const install = await runOk('npm', ['install', ...NPM_FLAGS], fixture.dir);
  return install.stdout + install.stderr + (await installTarballs(fixture.dir, tarballs));
}

/** The distinct versions of `name` anywhere in the fixture's tree, from `npm ls --all --json`. */
export async function installedVersions(fixture: InstalledFixture, name: string): Promise<string[]> {
  const result = await fixture.exec('npm', ['ls', name, '--all', '--json']);
  const versions = new Set<string>();
  const visit = (node: { dependencies?: Record<string, { version?: string; dependencies?: unknown }> }): void => {
    for (const [dependency, child] of Object.entries(node.dependencies ?? {})) {
      if (dependency === name && child.version) versions.add(child.version);
      visit(child as Parameters<typeof visit>[0]);
    }
  };
  visit(JSON.parse(result.stdout) as Parameters<typeof visit>[0]);
  return [...versions].sort();
}
