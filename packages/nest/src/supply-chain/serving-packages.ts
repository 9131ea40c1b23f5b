import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { FlooredPackage, ServingCopy } from './dependency-floors';

/** A loaded CommonJS module, as listed in `require.cache`. */
export interface LoadedModule {
  filename: string;
  exports: unknown;
}

/** The parts of a Socket.IO server the detection looks at; all public properties. */
export interface InspectableServer {
  encoder?: object;
  engine?: { ws?: object };
}

/** What could be determined about the copies that serve a server. */
export interface ServingPackages {
  found: ServingCopy[];
  /** Packages whose serving copy could not be traced to a package on disk. */
  unknown: FlooredPackage[];
}

/**
 * Finds which installed copy of socket.io, engine.io, ws and socket.io-parser serves `server`:
 * the module in Node's module cache whose exported class built that object, then the nearest
 * package.json above it. Asking the objects themselves, rather than resolving the names from
 * some directory, gives the copy that really serves even when several are installed (npm nests
 * the socket.io that `@nestjs/platform-socket.io` 10 pins). These four packages are CommonJS, so
 * they are in the cache also when an ESM app imports them.
 */
export function detectServingPackages(server: object, loaded: Iterable<LoadedModule> = loadedModules()): ServingPackages {
  const modules = [...loaded];
  const { engine, encoder } = server as InspectableServer;
  const probes: Array<[FlooredPackage, object | undefined, readonly string[]]> = [
    ['socket.io', server, ['Server']],
    ['engine.io', engine, ['Server']],
    // engine.io creates `ws` only with the websocket transport, from its `wsEngine` option.
    ['ws', engine?.ws, ['', 'WebSocketServer', 'Server']],
    ['socket.io-parser', encoder, ['Encoder']],
  ];
  const result: ServingPackages = { found: [], unknown: [] };
  for (const [name, instance, exportNames] of probes) {
    const copy = instance === undefined ? undefined : findServingCopy(name, instance, exportNames, modules);
    if (copy) result.found.push(copy);
    else if (name !== 'ws' || instance !== undefined) result.unknown.push(name);
  }
  return result;
}

function findServingCopy(name: FlooredPackage, instance: object, exportNames: readonly string[], modules: readonly LoadedModule[]): ServingCopy | undefined {
  for (const module of modules) {
    if (!exportNames.some((exportName) => builtBy(instance, exported(module.exports, exportName)))) continue;
    const manifest = nearestManifest(dirname(module.filename));
    if (manifest?.name === name) return { name, version: manifest.version, directory: manifest.directory };
  }
  return undefined;
}

function exported(exports: unknown, name: string): unknown {
  if (name === '') return exports;
  return (typeof exports === 'object' || typeof exports === 'function') && exports !== null ? (exports as Record<string, unknown>)[name] : undefined;
}

function builtBy(instance: object, candidate: unknown): boolean {
  return typeof candidate === 'function' && typeof candidate.prototype === 'object' && instance instanceof candidate;
}

/** The package.json that names the package a file belongs to (skipping `{"type": ...}` markers). */
function nearestManifest(start: string): { name: string; version: string; directory: string } | undefined {
  for (let directory = start; ; directory = dirname(directory)) {
    const file = join(directory, 'package.json');
    if (existsSync(file)) {
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
      if (typeof manifest.name === 'string' && typeof manifest.version === 'string') return { name: manifest.name, version: manifest.version, directory };
    }
    if (directory === dirname(directory)) return undefined;
  }
}

function loadedModules(): Iterable<LoadedModule> {
  // `require.cache` is one process-wide object whatever path the require function is made for.
  const cache = createRequire(join(process.cwd(), 'noop.js')).cache;
  return Object.values(cache).filter((module): module is NodeJS.Module => module !== undefined);
}
