import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.spec.{ts,tsx}', 'test/**/*.spec.{ts,tsx}'],
    environment: 'happy-dom',
    typecheck: { enabled: true, include: ['src/**/*.test-d.{ts,tsx}', 'test/**/*.test-d.{ts,tsx}'] },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
