import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.spec.ts'],
    globalSetup: ['test/support/pack-tarballs.global-setup.ts'],
    testTimeout: 20_000,
    // A fixture's beforeAll installs it (npm ci from the shared npm cache), compiles it and boots it.
    hookTimeout: 180_000,
    pool: 'forks',
    // Two fixtures at a time: installs wait on the network and the disk, compiles on the CPU.
    maxWorkers: 2,
  },
});
