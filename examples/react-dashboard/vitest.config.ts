import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        // Components and pure logic, in happy-dom.
        test: { name: 'unit', include: ['src/**/*.spec.{ts,tsx}'], environment: 'happy-dom' },
      },
      {
        // The built dashboard served by the built backend (a child process), in Debian's Chromium.
        test: {
          name: 'browser',
          include: ['test/**/*.spec.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          pool: 'forks',
          fileParallelism: false,
        },
      },
    ],
  },
});
