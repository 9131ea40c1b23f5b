import { afterEach, describe, expect, it } from 'vitest';
import { nextEvent } from '@tenantcast/test-support';
import { startChildNode, type ChildNode } from './support/child-node';
import { connectClient, request } from './support/clients';
import { TEST_SECRET, tokenFor } from './support/tokens';

describe('the built package in CommonJS and ESM apps', () => {
  let node: ChildNode | undefined;
  afterEach(async () => {
    await node?.kill9();
    node = undefined;
  });

  for (const format of ['cjs', 'mjs'] as const) {
    const loader = format === 'cjs' ? 'require (the CommonJS build)' : 'import (the ESM build)';

    it(`serves authenticated sockets when loaded through ${loader}`, async () => {
      node = await startChildNode({ TC_SECRET: TEST_SECRET }, `realtime-node.${format}`);
      const { socket, connected } = await connectClient(node.url, '/rca', tokenFor('dual', 'acme'));
      expect(connected.user.userId).toBe('dual');
      expect(await request(socket, 'join', { kind: 'rca', id: '1' })).toMatchObject({ ok: true, room: 'tenant:acme:rca:1' });
      socket.close();
    });

    it(`resolves the terminus indicator from @tenantcast/nest/terminus when loaded through ${loader}`, async () => {
      node = await startChildNode({ TC_SECRET: TEST_SECRET, TC_TERMINUS: '1' }, `realtime-node.${format}`);
      const { socket } = await connectClient(node.url, '/rca', tokenFor('probe', 'acme'));
      const response = await fetch(`${node.url}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', info: { realtime: { status: 'up', connections: 1, presence: { store: 'memory', ok: true } } } });
      socket.close();
    });
  }
});

describe('both builds loaded in one process (dual-package hazard)', () => {
  let node: ChildNode | undefined;
  afterEach(async () => {
    await node?.kill9();
    node = undefined;
  });

  for (const [moduleBuild, injectBuild] of [['cjs', 'esm'], ['esm', 'cjs']] as const) {
    it(`injects services through the ${injectBuild} build into RealtimeModule registered through the ${moduleBuild} build, with errors shared`, async () => {
      node = await startChildNode({ TC_SECRET: TEST_SECRET, TC_MODULE_BUILD: moduleBuild }, 'both-builds-node.mjs');
      const report = node.ready.report as Record<string, unknown> & { files: { cjs: string; esm: string } };
      expect(report.files.cjs).toMatch(/dist[\\/]index\.cjs$/);
      expect(report.files.esm).toMatch(/dist[\\/]index\.js$/);
      expect(report).toMatchObject({
        sameClass: {
          RealtimeModule: true,
          RealtimeService: true,
          RealtimeAuthService: true,
          RealtimeHealthService: true,
          RealtimeHealthIndicator: true,
          RealtimeError: true,
          HandshakeError: true,
          RealtimeConfigError: true,
          MemoryPresenceStore: true,
          RedisPresenceStore: true,
        },
        sameTokens: true,
        injectedIsModuleService: true,
        roomError: { code: 'INVALID_ROOM', instanceOfOtherBuild: true, instanceOfModuleBuild: true },
        handshakeError: { code: 'UNAUTHORIZED', instanceOfOtherBuild: true, instanceOfModuleBuild: true },
        configError: { instanceOfModuleBuild: true },
        storeFromOtherBuild: true,
      });

      const { socket } = await connectClient(node.url, '/rca', tokenFor('cross', 'acme'));
      const received = nextEvent<{ type: string; data: unknown }>(socket, 'cross-build');
      expect((await fetch(`${node.url}/emit/acme`, { method: 'POST' })).status).toBe(201);
      expect(await received).toMatchObject({ type: 'cross-build', data: { via: 'injected RealtimeService' }, metadata: { tenantId: 'acme' } });
      const health = await fetch(`${node.url}/health`);
      expect(await health.json()).toMatchObject({ status: 'ok', info: { realtime: { status: 'up', connections: 1 } } });
      socket.close();
    });
  }
});
