import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { runOk } from './commands';
import { REPO_ROOT } from './paths';

/** One package as `npm pack` produced it. */
export interface PackedPackage {
  name: string;
  version: string;
  /** Absolute path of the tarball. */
  tarball: string;
  /** Paths inside the tarball. */
  files: string[];
}

/** The publishable packages, as the suite installs them. */
export type PackedPackages = Record<'protocol' | 'nest' | 'client' | 'react', PackedPackage>;

declare module 'vitest' {
  export interface ProvidedContext {
    packed: PackedPackages;
  }
}

const PACKAGES = ['protocol', 'nest', 'client', 'react'] as const;

/**
 * Packs the four publishable packages once, from their built `dist`, into a temporary directory:
 * every fixture installs these tarballs, exactly what `npm publish` would upload.
 */
export default async function packTarballs(project: TestProject): Promise<() => Promise<void>> {
  for (const name of PACKAGES) {
    if (!existsSync(join(REPO_ROOT, 'packages', name, 'dist'))) throw new Error(`packages/${name}/dist is missing: run \`npm run build\` before the compatibility suite.`);
  }
  const destination = await mkdtemp(join(tmpdir(), 'tenantcast-tarballs-'));
  const { stdout } = await runOk('npm', ['pack', ...PACKAGES.map((name) => `./packages/${name}`), '--pack-destination', destination, '--json'], REPO_ROOT);
  const reports = JSON.parse(stdout) as Array<{ name: string; version: string; filename: string; files: Array<{ path: string }> }>;
  const packed = Object.fromEntries(
    PACKAGES.map((name, index) => {
      const report = reports[index]!;
      return [name, { name: report.name, version: report.version, tarball: join(destination, report.filename), files: report.files.map((file) => file.path) }];
    }),
  ) as PackedPackages;
  project.provide('packed', packed);
  return () => rm(destination, { recursive: true, force: true });
}
