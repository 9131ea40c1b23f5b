import { fileURLToPath } from 'node:url';
import swc from 'unplugin-swc';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Nest needs decorator metadata, which vitest's default transform does not emit.
  plugins: [swc.vite({ module: { type: 'es6' } })],
  // The snippets import their shared event maps as a package would.
  resolve: { alias: { '@acme/rca-contract': fileURLToPath(new URL('snippets/contract/index.ts', import.meta.url)) } },
  test: {
    include: ['snippets/**/*.spec.ts', 'test/**/*.spec.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
