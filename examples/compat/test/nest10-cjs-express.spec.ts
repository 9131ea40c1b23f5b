import { expect, inject, it } from 'vitest';
import { runAppToExit, startApp } from './support/app-process';
import { applyOverrides } from './support/fixture';
import { describeNestFixture } from './support/nest-fixture';
import { COMPAT_SECRET } from './support/sockets';

describeNestFixture(
  {
    name: 'nest10-cjs-express',
    nestMajor: 10,
    moduleFormat: 'commonjs',
    platform: 'express',
    tsconfig: { module: 'commonjs' },
    jwtMajor: 10,
    servedSocketIo: '4.8.1',
    belowFloor: true,
  },
  ({ fixture, app }) => {
    it("refuses to boot with dependencyFloors: 'refuse', naming the copy and the fix", async () => {
      const run = await runAppToExit(fixture().dir, { TC_SECRET: COMPAT_SECRET, TC_DEPENDENCY_FLOORS: 'refuse' });
      expect(run.code).toBe(1);
      expect(run.output).toContain('RealtimeModule: Socket.IO is served by socket.io 4.8.1 from node_modules/@nestjs/platform-socket.io/node_modules/socket.io, below 4.8.3');
      expect(run.output).not.toContain('TENANTCAST_COMPAT_READY');
    });

    it('serves socket.io at or above the floor once the override from the warning is applied', async () => {
      await app().stop();
      const packed = inject('packed');
      await applyOverrides(fixture(), { 'socket.io': '$socket.io' }, [packed.nest.tarball, packed.protocol.tarball]);
      const tree = await fixture().listTree();
      expect(tree.code, tree.stdout + tree.stderr).toBe(0);
      const fixed = await startApp(fixture().dir, { TC_SECRET: COMPAT_SECRET, TC_DEPENDENCY_FLOORS: 'refuse' });
      try {
        expect(fixed.output()).toMatch(/Socket\.IO served by socket\.io@4\.8\.([3-9]|\d\d)/);
        expect(fixed.output()).not.toMatch(/WARN \[Realtime\]/);
      } finally {
        await fixed.stop();
      }
    }, 180_000);
  },
);
