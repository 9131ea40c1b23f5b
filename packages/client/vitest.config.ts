import { defineConfig } from 'vitest/config';

// Integration tests start a real NestJS app from the built @tenantcast/nest. The test helpers
// apply Nest decorators as plain calls (see test/support/comments.gateway.ts), so no SWC
// transform is needed here or in packages/react, which imports the same helpers.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.spec.ts'],
          typecheck: { enabled: true, include: ['src/**/*.test-d.ts'] },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/**/*.spec.ts'],
          testTimeout: 30_000,
          hookTimeout: 30_000,
          pool: 'forks',
        },
      },
    ],
  },
});
