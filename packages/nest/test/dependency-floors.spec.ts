import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import { detectServingPackages } from '../src/supply-chain/serving-packages';
import { startModule, testOptions, type TestApp } from './support/apps';
import { CapturingLogger } from './support/capturing-logger';
import { RealtimeModule } from '../src';

/** The version in the package.json of the package directory that holds `file`. */
function versionAt(file: string, name: string): { version: string; directory: string } {
  let directory = dirname(file);
  while (!directory.endsWith(join('node_modules', name))) directory = dirname(directory);
  return { version: (JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { version: string }).version, directory };
}

/**
 * Resolves each package the way the one above it does: socket.io from `from` (this test, or the
 * package that creates the server), then engine.io and socket.io-parser from socket.io, ws from
 * engine.io.
 */
function installedCopies(from: string = import.meta.url) {
  const socketIo = createRequire(from).resolve('socket.io');
  const fromSocketIo = createRequire(socketIo);
  const engineIo = fromSocketIo.resolve('engine.io');
  return {
    'socket.io': versionAt(socketIo, 'socket.io'),
    'engine.io': versionAt(engineIo, 'engine.io'),
    ws: versionAt(createRequire(engineIo).resolve('ws'), 'ws'),
    'socket.io-parser': versionAt(fromSocketIo.resolve('socket.io-parser'), 'socket.io-parser'),
  };
}

describe('detecting the copies that serve Socket.IO', () => {
  const servers: Server[] = [];
  afterEach(async () => {
    for (const server of servers.splice(0)) await server.close();
  });

  it('reports the installed socket.io, engine.io, ws and socket.io-parser behind a running server, with their directories', () => {
    const server = new Server(0);
    servers.push(server);
    const installed = installedCopies();
    const { found, unknown } = detectServingPackages(server);
    expect(unknown).toEqual([]);
    expect(Object.fromEntries(found.map((copy) => [copy.name, { version: copy.version, directory: copy.directory }]))).toEqual(installed);
  });

  it('does not look for ws when the server accepts polling only', () => {
    const server = new Server(0, { transports: ['polling'] });
    servers.push(server);
    const { found, unknown } = detectServingPackages(server);
    expect(found.map((copy) => copy.name).sort()).toEqual(['engine.io', 'socket.io', 'socket.io-parser']);
    expect(unknown).toEqual([]);
  });

  it('reports a package as untraced when no loaded module built the object (a bundled build)', () => {
    const server = new Server(0);
    servers.push(server);
    expect(detectServingPackages(server, [])).toEqual({ found: [], unknown: ['socket.io', 'engine.io', 'ws', 'socket.io-parser'] });
  });
});

describe('the boot-time dependency floor check', () => {
  let server: TestApp | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  for (const mode of ['warn', 'refuse'] as const) {
    it(`starts without a warning when every serving copy is at or above its floor (dependencyFloors: '${mode}')`, async () => {
      const logger = new CapturingLogger();
      server = await startModule({ imports: [RealtimeModule.forRoot(testOptions({ dependencyFloors: mode }))] }, 'express', 0, logger);
      expect(logger.warnings).toEqual([]);
      // Nest's IoAdapter creates the server, so the copy that serves is the one
      // @nestjs/platform-socket.io resolves (it pins its own socket.io, nested by npm).
      const versions = installedCopies(createRequire(import.meta.url).resolve('@nestjs/platform-socket.io'));
      const served = Object.entries(versions).map(([name, copy]) => `${name}@${copy.version}`);
      expect(logger.lines).toContainEqual(expect.stringContaining(`Socket.IO served by ${served.join(', ')}`));
    });
  }

  it('refuses an unknown mode at boot, naming the choices', () => {
    expect(() => RealtimeModule.forRoot(testOptions({ dependencyFloors: 'strict' as 'warn' }))).toThrow("dependencyFloors must be 'warn', 'refuse' or 'off'; got \"strict\".");
  });
});
