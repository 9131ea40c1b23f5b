import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { installFixture, type InstalledFixture } from './support/fixture';

/**
 * Code that uses all four packages, type-checked with `skipLibCheck: false` under each module
 * resolution a TypeScript app may use: `bundler` (Vite, Next.js), `node16` (CommonJS `.ts` and ES
 * module `.mts` files) and `node10` (`moduleResolution: node`, the NestJS 10 starter's).
 */
describe('type-check: the published types under moduleResolution bundler, node16 and node10', () => {
  const packed = inject('packed');
  let fixture: InstalledFixture;

  beforeAll(async () => {
    fixture = await installFixture('type-check', { withApp: false, install: [packed.protocol, packed.nest, packed.client, packed.react] });
  });
  afterAll(async () => {
    await fixture?.remove();
  });

  for (const resolution of ['bundler', 'node16', 'node10'] as const) {
    it(`type-checks the server, client and React code under moduleResolution ${resolution}`, async () => {
      const result = await fixture.exec('npx', ['tsc', '-p', `tsconfig.${resolution}.json`]);
      expect(result.code, result.stdout + result.stderr).toBe(0);
      const { compilerOptions } = await fixture.readJson<{ compilerOptions: { skipLibCheck: boolean } }>('tsconfig.base.json');
      expect(compilerOptions.skipLibCheck).toBe(false);
    }, 180_000);
  }
});
