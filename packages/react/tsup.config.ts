import { defineConfig } from 'tsup';

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  platform: 'neutral',
  // esbuild drops module-level directives when it bundles; the banner puts the one React Server
  // Components need back on top of each output file.
  banner: { js: "'use client';" },
});
