import { metrics } from '@opentelemetry/api';
import { afterAll, describe, expect, it } from 'vitest';
import { RealtimeModule } from '../../src';
import { startModule, testOptions } from '../support/apps';
import { startChildNode, type ChildNode } from '../support/child-node';
import { connectClient } from '../support/clients';
import { MetricsProbe } from '../support/metrics-probe';
import { TEST_SECRET, tokenFor } from '../support/tokens';

const HASH = '$2a$04$ucuyvWnKKl5djueOVI.CReSpR./L2f/9rZtj7aA/kIdAE90DxXeJm';

describe('the optional peers @opentelemetry/api and @socket.io/admin-ui, in the built package', () => {
  const nodes: ChildNode[] = [];
  const boot = async (options: Record<string, unknown>, hidden: string[] = []) => {
    const node = await startChildNode({ TC_SECRET: TEST_SECRET, TC_OPTIONS: JSON.stringify(options), TC_HIDDEN: hidden.join(',') }, 'observed-node.mjs');
    nodes.push(node);
    return node.ready as { port: number; loaded?: string[]; error?: string };
  };
  afterAll(async () => {
    await Promise.all(nodes.map((node) => node.kill9()));
  });

  it('are never loaded while metrics and the Admin UI are off, so an app without them pays nothing', async () => {
    expect(await boot({})).toMatchObject({ loaded: [] });
    expect(await boot({ metrics: false, logging: { format: 'object' } })).toMatchObject({ loaded: [] });
  });

  it('are loaded when configured', async () => {
    expect((await boot({ metrics: true })).loaded).toEqual(['@opentelemetry/api']);
    expect((await boot({ adminUi: { username: 'ops', passwordHash: HASH } })).loaded).toEqual(['@socket.io/admin-ui']);
  });

  it('fail the boot with the package to install when configured but missing', async () => {
    expect((await boot({ metrics: true }, ['@opentelemetry/api'])).error).toContain('metrics needs the optional peer dependency @opentelemetry/api: run `npm install @opentelemetry/api`.');
    expect((await boot({ adminUi: { username: 'ops', passwordHash: HASH } }, ['@socket.io/admin-ui'])).error).toContain(
      'adminUi needs the optional peer dependency @socket.io/admin-ui: run `npm install @socket.io/admin-ui`.',
    );
  });
});

describe('metrics: true', () => {
  it('measures through the global MeterProvider the OpenTelemetry SDK registered', async () => {
    const probe = new MetricsProbe();
    expect(metrics.setGlobalMeterProvider(probe.provider)).toBe(true);
    const server = await startModule({ imports: [RealtimeModule.forRoot(testOptions({ metrics: true }))] });
    try {
      const { socket } = await connectClient(server.url, '/rca', tokenFor('u', 'acme'));
      expect(await probe.sum('tenantcast.connections.active')).toBe(1);
      expect((await probe.collect()).every((metric) => metric.descriptor.name.startsWith('tenantcast.'))).toBe(true);
      socket.close();
    } finally {
      await server.close();
      metrics.disable();
      await probe.shutdown();
    }
  });
});
