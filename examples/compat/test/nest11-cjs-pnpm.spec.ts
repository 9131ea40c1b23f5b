import { expect, it } from 'vitest';
import { describeNestFixture } from './support/nest-fixture';

describeNestFixture(
  {
    name: 'nest11-cjs-pnpm',
    nestMajor: 11,
    moduleFormat: 'commonjs',
    platform: 'express',
    tsconfig: { module: 'nodenext', moduleResolution: 'nodenext' },
    jwtMajor: 12,
    servedSocketIo: '4.8.3',
    belowFloor: false,
    packageManager: 'pnpm',
  },
  ({ fixture }) => {
    it('cannot import @tenantcast/protocol, which it does not list: every type the app uses comes from @tenantcast/nest', async () => {
      const resolve = await fixture().exec(process.execPath, ['-e', "require.resolve('@tenantcast/protocol')"]);
      expect(resolve.code).not.toBe(0);
      expect(resolve.stderr).toContain("Cannot find module '@tenantcast/protocol'");
      const resolveNest = await fixture().exec(process.execPath, ['-e', "console.log(require.resolve('@tenantcast/nest'))"]);
      expect(resolveNest.stdout).toMatch(/node_modules[\\/]\.pnpm[\\/]/);
    });
  },
);
