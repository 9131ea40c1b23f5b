import { defineConfig } from 'vitest/config';

// Unit tests of the harness's own pure helpers (math, rules, report, framing). The benchmarks
// themselves are never run by the test suite and no figure is asserted anywhere.
export default defineConfig({
  test: {
    root: new URL('.', import.meta.url).pathname,
    include: ['**/*.spec.mjs'],
    exclude: ['results/**', 'node_modules/**'],
  },
});
