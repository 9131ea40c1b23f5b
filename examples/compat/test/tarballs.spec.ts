import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { REPO_ROOT } from './support/paths';

/** Every file path a manifest points at: `exports` targets, `main`, `module`, `types`, `typesVersions`. */
function referencedFiles(manifest: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const visit = (value: unknown): void => {
    if (typeof value === 'string' && value.startsWith('./')) found.add(value.slice(2));
    else if (Array.isArray(value)) value.forEach(visit);
    else if (typeof value === 'object' && value !== null) Object.values(value).forEach(visit);
  };
  visit([manifest.exports, manifest.main, manifest.module, manifest.types, manifest.typesVersions]);
  return [...found].sort();
}

describe('the packed tarballs', () => {
  const packed = inject('packed');

  for (const name of ['protocol', 'nest', 'client', 'react'] as const) {
    it(`@tenantcast/${name} ships its README and every file its package.json points at, and nothing outside dist/`, async () => {
      const { files } = packed[name];
      const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'packages', name, 'package.json'), 'utf8')) as Record<string, unknown>;
      expect(files).toContain('README.md');
      expect(files).toContain('package.json');
      for (const file of referencedFiles(manifest)) expect(files, `${file} is referenced by package.json`).toContain(file);
      const stray = files.filter((file) => !file.startsWith('dist/') && !['README.md', 'package.json', 'LICENSE', 'CHANGELOG.md'].includes(file));
      expect(stray, 'files outside dist/ that npm would publish').toEqual([]);
    });
  }
});
