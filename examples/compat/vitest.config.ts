import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.spec.ts'],
    globalSetup: ['test/support/pack-tarballs.global-setup.ts'],
    // Deadlines, not measurements: several tests run npm or tsc, on a machine others share.
    testTimeout: 60_000,
    // A fixture's beforeAll installs it (npm ci, from the network on a cold npm cache), compiles it and boots it.
    hookTimeout: 300_000,
    pool: 'forks',
    // Two fixtures at a time: installs wait on the network and the disk, compiles on the CPU.
    maxWorkers: 2,
  },
});
