import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsup';

const { version } = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string };

export default defineConfig({
  entry: ['src/index.ts', 'src/terminus.ts', 'src/testing.ts', 'src/emitter.ts'],
  format: ['esm', 'cjs'],
  dts: true,
  sourcemap: true,
  clean: true,
  target: 'es2022',
  // Keys the registry in shared-across-builds.ts, so only copies of one version share classes.
  define: { __TENANTCAST_NEST_VERSION__: JSON.stringify(version) },
});
