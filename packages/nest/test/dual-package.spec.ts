import { afterEach, describe, expect, it } from 'vitest';
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
    it(`serves authenticated sockets when loaded through ${format === 'cjs' ? 'require (the CommonJS build)' : 'import (the ESM build)'}`, async () => {
      node = await startChildNode({ TC_SECRET: TEST_SECRET }, format);
      const { socket, connected } = await connectClient(node.url, '/rca', tokenFor('dual', 'acme'));
      expect(connected.user.userId).toBe('dual');
      expect(await request(socket, 'join', { kind: 'rca', id: '1' })).toMatchObject({ ok: true, room: 'tenant:acme:rca:1' });
      socket.close();
    });
  }
});
