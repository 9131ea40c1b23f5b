import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEPENDENCY_FLOORS } from '../src/supply-chain/dependency-floors';

/**
 * Versions below these have known CVEs (see RELIABILITY.md, "Dependency floors"). The server-side
 * floors are the ones the module checks at boot; each is read both where this package resolves it
 * and behind @nestjs/platform-socket.io, whose pinned socket.io is the copy that serves.
 */
const FLOORS: Array<[name: string, floor: string, resolvedFrom: string[]]> = [
  ['socket.io', DEPENDENCY_FLOORS['socket.io'], []],
  ['engine.io', DEPENDENCY_FLOORS['engine.io'], ['socket.io']],
  ['ws', DEPENDENCY_FLOORS.ws, ['socket.io', 'engine.io']],
  ['socket.io-parser', DEPENDENCY_FLOORS['socket.io-parser'], ['socket.io']],
  ['socket.io', DEPENDENCY_FLOORS['socket.io'], ['@nestjs/platform-socket.io']],
  ['engine.io', DEPENDENCY_FLOORS['engine.io'], ['@nestjs/platform-socket.io', 'socket.io']],
  ['ws', DEPENDENCY_FLOORS.ws, ['@nestjs/platform-socket.io', 'socket.io', 'engine.io']],
  ['socket.io-parser', DEPENDENCY_FLOORS['socket.io-parser'], ['@nestjs/platform-socket.io', 'socket.io']],
  ['socket.io-parser', '4.2.7', ['socket.io-client']],
  ['ws', '8.21.0', ['socket.io-client', 'engine.io-client']],
  ['jsonwebtoken', '9.0.0', ['@nestjs/jwt']],
  ['@socket.io/redis-adapter', '8.3.0', []],
];

/**
 * Finds the copy of `name` that `from` would load, the way Node walks node_modules folders. Read
 * from disk because some packages (engine.io) do not export their package.json.
 */
function packageDir(name: string, from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === dirname(dir)) throw new Error(`${name} is not installed below ${from}`);
  }
}

function installedVersion(name: string, chain: string[]): string {
  let from = dirname(fileURLToPath(import.meta.url));
  for (const parent of chain) from = packageDir(parent, from);
  return (JSON.parse(readFileSync(join(packageDir(name, from), 'package.json'), 'utf8')) as { version: string }).version;
}

function atLeast(version: string, floor: string): boolean {
  const a = version.split('.').map(Number);
  const b = floor.split('.').map(Number);
  for (let index = 0; index < 3; index += 1) {
    if (a[index]! !== b[index]!) return a[index]! > b[index]!;
  }
  return true;
}

describe('D6 supply-chain.version-floors', () => {
  it.each(FLOORS.map(([name, floor, chain]) => [[...chain, name].join(' > '), name, floor, chain] as const))('%s is at or above its CVE floor', (_label, name, floor, chain) => {
    const version = installedVersion(name, chain);
    expect(atLeast(version, floor), `${name}@${version} is below ${floor}; raise it (root package.json overrides)`).toBe(true);
  });
});
