import 'reflect-metadata';
import { spawn } from 'node:child_process';
import { Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { RealtimeModule, RealtimeService } from '@tenantcast/nest';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { childEnv } from './support/commands';
import { installedVersions, installFixture, type InstalledFixture } from './support/fixture';
import { COMPAT_SECRET, tokenFor } from './support/sockets';

interface ClientLine {
  step: 'joined' | 'received';
  [field: string]: unknown;
}

/**
 * Runs one client script of the fixture as its own Node process; calls `onJoined` once it joined,
 * and resolves with every line it printed when it exits.
 */
function runClient(dir: string, script: string, env: Record<string, string>, onJoined: () => void): Promise<{ code: number | null; lines: ClientLine[]; stderr: string }> {
  const child = spawn(process.execPath, [script], { cwd: dir, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let joined = false;
  const lines = (): ClientLine[] =>
    stdout
      .split('\n')
      .slice(0, -1) // the text after the last newline is an unfinished line
      .map((line) => JSON.parse(line) as ClientLine);
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    if (!joined && lines().some((line) => line.step === 'joined')) {
      joined = true;
      onJoined();
    }
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, lines: lines(), stderr })));
}

describe('node-clients: @tenantcast/client from its tarball in plain Node, ESM and CommonJS', () => {
  const packed = inject('packed');
  let fixture: InstalledFixture;
  let server: INestApplication;
  let url: string;

  beforeAll(async () => {
    fixture = await installFixture('node-clients', { withApp: false, install: [packed.client], provide: [packed.protocol] });
    class ClientsServerModule {}
    Module({ imports: [RealtimeModule.forRoot({ namespace: '/rca', auth: { secret: COMPAT_SECRET }, rooms: { rca: {} } })] })(ClientsServerModule);
    server = await NestFactory.create(ClientsServerModule, { logger: false });
    await server.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(server.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await server?.close();
    await fixture?.remove();
  });

  it('installs the client with one socket.io-client, the one the lockfile pins', async () => {
    const tree = await fixture.listTree();
    expect(tree.code, tree.stdout + tree.stderr).toBe(0);
    const pinned = await fixture.readJson<{ packages: Record<string, { version: string }> }>('package-lock.json');
    expect(await installedVersions(fixture, 'socket.io-client')).toEqual([pinned.packages['node_modules/socket.io-client']!.version]);
    expect(await installedVersions(fixture, '@tenantcast/client')).toEqual([packed.client.version]);
  });

  for (const script of ['client.mjs', 'client.cjs']) {
    it(`${script} connects, joins a room and receives an envelope, then exits cleanly`, async () => {
      const realtime = server.get(RealtimeService);
      const run = await runClient(fixture.dir, script, { TC_URL: url, TC_TOKEN: tokenFor('node', 'acme') }, () => {
        realtime.emitToRoom('acme', 'rca', '1', 'rca-updated', { from: script });
      });
      expect(run.code, run.stderr).toBe(0);
      expect(run.lines).toEqual([
        { step: 'joined', loader: script.endsWith('.mjs') ? 'import' : 'require', room: 'tenant:acme:rca:1', status: 'connected', user: expect.objectContaining({ userId: 'node', tenantId: 'acme' }) },
        { step: 'received', envelope: expect.objectContaining({ type: 'rca-updated', data: { from: script }, metadata: expect.objectContaining({ tenantId: 'acme', room: 'tenant:acme:rca:1' }) }) },
      ]);
    });
  }
});
