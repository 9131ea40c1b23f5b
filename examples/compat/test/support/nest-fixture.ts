import { readFile, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Envelope, JoinAck, PresenceMember, RealtimeUser, RoomMemberPayload } from '@tenantcast/protocol';
import { collect, nextEvent, waitFor } from '@tenantcast/test-support';
import { startApp, type AppProcess } from './app-process';
import { installedVersions, installFixture, type InstalledFixture } from './fixture';
import { ack, COMPAT_SECRET, connect, refusalCode, tokenFor } from './sockets';
import type { CommandResult } from './commands';

/** What one NestJS fixture app is, and what it must show. */
export interface NestFixture {
  /** Directory under `fixtures/`. */
  name: string;
  nestMajor: 10 | 11 | 12;
  /** What `tsc` emits for the app. */
  moduleFormat: 'commonjs' | 'esm';
  platform: 'express' | 'fastify';
  /** The starter's `module` / `moduleResolution`, as written in the fixture's tsconfig. */
  tsconfig: { module: string; moduleResolution?: string };
  /** The one `@nestjs/jwt` major the tree must hold. */
  jwtMajor: number;
  /** The socket.io version that `@nestjs/platform-socket.io` brings and that serves. */
  servedSocketIo: string;
  /** Whether that copy is below the floor, so the module must warn at boot. */
  belowFloor: boolean;
  /** Who installs it, as its package.json's `packageManager` says. @default 'npm' */
  packageManager?: 'npm' | 'pnpm';
}

/** What further tests of a fixture get. */
export interface FixtureContext {
  fixture(): InstalledFixture;
  app(): AppProcess;
}

const envelopeOf = <T>(socket: Socket, event: string) => nextEvent<Envelope<T>>(socket, event);

/**
 * The core scenarios, run against one fixture app installed from the tarballs, compiled with
 * `tsc` and started as `node dist/main.js`, with real socket.io clients over loopback.
 */
export function describeNestFixture(expected: NestFixture, more?: (context: FixtureContext) => void): void {
  const packed = inject('packed');

  describe(`${expected.name}: NestJS ${expected.nestMajor}, ${expected.moduleFormat === 'esm' ? 'ESM' : 'CommonJS'}, ${expected.platform}`, () => {
    let fixture: InstalledFixture;
    let compiled: CommandResult;
    let app: AppProcess;
    const sockets: Socket[] = [];
    const client = async (userId: string, tenantId: string, role?: string) => {
      const connection = await connect(app.url, tokenFor(userId, tenantId, { role }));
      sockets.push(connection.socket);
      return connection;
    };

    beforeAll(async () => {
      // The install line names @tenantcast/nest only; @tenantcast/protocol comes in as its dependency.
      fixture = await installFixture(expected.name, { withApp: true, install: [packed.nest], provide: [packed.protocol] });
      compiled = await fixture.exec('npx', ['tsc', '-p', 'tsconfig.json']);
      if (compiled.code === 0) app = await startApp(fixture.dir, { TC_SECRET: COMPAT_SECRET });
    });
    afterEach(() => {
      for (const socket of sockets.splice(0)) socket.close();
    });
    afterAll(async () => {
      await app?.stop();
      await fixture?.remove();
    });

    it(`installs @tenantcast/nest and @tenantcast/protocol from the tarballs into a valid tree (${expected.packageManager ?? 'npm'})`, async () => {
      expect(fixture.packageManager).toBe(expected.packageManager ?? 'npm');
      expect(fixture.installLog).not.toMatch(/ERESOLVE|conflicting peer|Could not resolve|Issues with peer dependencies|ERR_PNPM/i);
      const tree = await fixture.listTree();
      expect(tree.code, tree.stdout + tree.stderr).toBe(0);
      // Optional dependencies (bufferutil of ws) may stay unmet; nothing else may.
      expect(tree.stdout).not.toMatch(/invalid|UNMET (?!OPTIONAL)/);
      expect(await installedVersions(fixture, '@tenantcast/nest')).toEqual([packed.nest.version]);
      expect(await installedVersions(fixture, '@tenantcast/protocol')).toEqual([packed.protocol.version]);
      // A copy from the tarball inside the fixture (pnpm links it from its own store), never the workspace's.
      expect(await realpath(join(fixture.dir, 'node_modules/@tenantcast/nest'))).toContain(await realpath(fixture.dir));
    });

    it(`keeps one @nestjs/jwt, a ${expected.jwtMajor}.x that fits NestJS ${expected.nestMajor}`, async () => {
      const versions = await installedVersions(fixture, '@nestjs/jwt');
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatch(new RegExp(`^${expected.jwtMajor}\\.`));
    });

    it(`compiles with tsc under the starter's tsconfig (module ${expected.tsconfig.module}) and skipLibCheck: false`, async () => {
      expect(compiled.code, compiled.stdout + compiled.stderr).toBe(0);
      const { compilerOptions } = await fixture.readJson<{ compilerOptions: Record<string, unknown> }>('tsconfig.json');
      expect(compilerOptions).toMatchObject({ ...expected.tsconfig, skipLibCheck: false });
      const main = await readFile(join(fixture.dir, 'dist/main.js'), 'utf8');
      expect(main).toMatch(expected.moduleFormat === 'esm' ? /^import /m : /require\("\.\/app\.module\.js"\)/);
    });

    it(`runs on NestJS ${expected.nestMajor} with the socket.io ${expected.servedSocketIo} that @nestjs/platform-socket.io brings`, async () => {
      const core = await fixture.readJson<{ version: string }>('node_modules/@nestjs/core/package.json');
      expect(core.version).toMatch(new RegExp(`^${expected.nestMajor}\\.`));
      expect(app.output()).toContain(`Socket.IO served by socket.io@${expected.servedSocketIo}`);
    });

    if (expected.belowFloor) {
      it(`warns at boot that socket.io ${expected.servedSocketIo} is below the floor, with the override that fixes it`, () => {
        expect(app.output()).toMatch(new RegExp(`WARN \\[Realtime\\] Socket\\.IO is served by socket\\.io ${expected.servedSocketIo.replace(/\./g, '\\.')} from node_modules/@nestjs/platform-socket\\.io/node_modules/socket\\.io, below 4\\.8\\.3`));
        expect(app.output()).toContain('"overrides": {"socket.io":"$socket.io"}');
      });
    } else {
      it('starts without a dependency warning: every copy serving Socket.IO is at or above its floor', () => {
        expect(app.output()).not.toMatch(/WARN \[Realtime\]/);
      });
    }

    it('refuses handshakes with the protocol codes: no token, an expired one, a forged one', async () => {
      expect(await refusalCode(app.url, undefined)).toBe('UNAUTHORIZED');
      expect(await refusalCode(app.url, tokenFor('late', 'acme', { expiresInSeconds: -60 }))).toBe('TOKEN_EXPIRED');
      expect(await refusalCode(app.url, `${tokenFor('forger', 'acme').slice(0, -4)}AAAA`)).toBe('UNAUTHORIZED');
    });

    it('joins an allowed room, and refuses an unauthorised one with FORBIDDEN and a malformed id with INVALID_ROOM', async () => {
      const { socket, connected } = await client('alice', 'acme');
      expect(connected.user).toMatchObject({ userId: 'alice', tenantId: 'acme', role: 'engineer' });
      expect(await ack<JoinAck>(socket, 'join', { kind: 'rca', id: '1' })).toMatchObject({ ok: true, room: 'tenant:acme:rca:1' });
      expect(await ack<JoinAck>(socket, 'join', { kind: 'rca', id: 'restricted-9' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(await ack<JoinAck>(socket, 'join', { kind: 'rca', id: 'a:b' })).toMatchObject({ ok: false, error: { code: 'INVALID_ROOM' } });
      const { socket: admin } = await client('root', 'acme', 'admin');
      expect(await ack<JoinAck>(admin, 'join', { kind: 'rca', id: 'restricted-9' })).toMatchObject({ ok: true });
    });

    it("keeps tenants apart: an announcement to one tenant reaches it and never another tenant's socket", async () => {
      const { socket: acme } = await client('alice', 'acme');
      const { socket: globex } = await client('alice', 'globex');
      const leaked = collect(globex, 'announcement');
      const received = envelopeOf<{ text: string }>(acme, 'announcement');
      const response = await fetch(`${app.url}/demo/tenants/acme/announce`, { method: 'POST' });
      expect(response.status).toBe(201);
      expect(await received).toMatchObject({ type: 'announcement', data: { text: 'hello acme' }, metadata: { tenantId: 'acme' } });
      // A round trip on the other tenant's socket: anything sent to it before has arrived by now.
      await ack(globex, 'whoami');
      expect(leaked).toEqual([]);
    });

    it('emits to a room and to every connection of one user, in the standard envelope', async () => {
      const { socket: member } = await client('alice', 'acme');
      await ack(member, 'join', { kind: 'rca', id: '7' });
      const update = envelopeOf<{ rcaId: string; status: string }>(member, 'rca-updated');
      await fetch(`${app.url}/demo/tenants/acme/rcas/7/close`, { method: 'POST' });
      expect(await update).toMatchObject({ type: 'rca-updated', data: { rcaId: '7', status: 'closed' }, metadata: { tenantId: 'acme', room: 'tenant:acme:rca:7', kind: 'rca', resourceId: '7' } });

      const { socket: laptop } = await client('bob', 'acme');
      const { socket: phone } = await client('bob', 'acme');
      const notifications = [envelopeOf(laptop, 'notification'), envelopeOf(phone, 'notification')];
      await fetch(`${app.url}/demo/tenants/acme/users/bob/notify`, { method: 'POST' });
      for (const notification of await Promise.all(notifications)) {
        expect(notification).toMatchObject({ type: 'notification', data: { title: 'for bob' }, metadata: { tenantId: 'acme', userId: 'bob' } });
      }
    });

    it('tracks presence: user-joined in the room, and who is online in the tenant', async () => {
      const { socket: first } = await client('carol', 'initech');
      await ack(first, 'join', { kind: 'rca', id: '3' });
      const joined = nextEvent<RoomMemberPayload>(first, 'user-joined');
      const { socket: second } = await client('dave', 'initech');
      expect(await ack<JoinAck>(second, 'join', { kind: 'rca', id: '3' })).toMatchObject({ ok: true, members: expect.arrayContaining([expect.objectContaining({ userId: 'carol' })]) });
      expect(await joined).toMatchObject({ room: 'tenant:initech:rca:3', userId: 'dave' });
      const online = (await (await fetch(`${app.url}/demo/tenants/initech/online`)).json()) as PresenceMember[];
      expect(online.map((member) => member.userId).sort()).toEqual(['carol', 'dave']);
    });

    it('runs @RealtimeGateway handlers on authenticated sockets', async () => {
      const { socket } = await client('erin', 'acme');
      expect(await ack<RealtimeUser>(socket, 'whoami')).toMatchObject({ userId: 'erin', tenantId: 'acme' });
      expect(await ack<JoinAck>(socket, 'join-rca', '11')).toMatchObject({ ok: true, room: 'tenant:acme:rca:11' });
      expect(await ack<JoinAck>(socket, 'join-rca', 'restricted-1')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    });

    it('answers the health endpoint and the @nestjs/terminus indicator from @tenantcast/nest/terminus', async () => {
      await client('frank', 'acme');
      const report = async () => (await fetch(`${app.url}/realtime/health`)).json() as Promise<{ connections: number }>;
      // The sockets of earlier tests were closed; their disconnects reach the server shortly after.
      await waitFor(async () => (await report()).connections === 1, 'only the new socket to be counted');
      const health = await fetch(`${app.url}/realtime/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok', connections: 1, presence: { store: 'memory', ok: true } });
      const terminus = await fetch(`${app.url}/health`);
      expect(terminus.status).toBe(200);
      expect(await terminus.json()).toMatchObject({ status: 'ok', info: { realtime: { status: 'up', connections: 1, state: 'ok' } } });
    });

    more?.({ fixture: () => fixture, app: () => app });
  });
}
