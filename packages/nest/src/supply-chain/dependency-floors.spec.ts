import { describe, expect, it } from 'vitest';
import { DependencyFloorMessages } from '../realtime.messages';
import { belowFloors, DEPENDENCY_FLOORS, isAtLeast } from './dependency-floors';

describe('isAtLeast', () => {
  it.each([
    ['4.8.3', '4.8.3', true],
    ['4.8.4', '4.8.3', true],
    ['4.9.0', '4.8.3', true],
    ['5.0.0', '4.8.3', true],
    ['4.8.1', '4.8.3', false],
    ['4.7.9', '4.8.3', false],
    ['3.9.9', '4.8.3', false],
    ['4.8.3-rc.1', '4.8.3', false],
    ['4.8.4-rc.1', '4.8.3', true],
    ['not-a-version', '4.8.3', false],
  ])('%s against floor %s is %s', (version, floor, expected) => {
    expect(isAtLeast(version, floor)).toBe(expected);
  });
});

describe('belowFloors', () => {
  it('keeps only the copies below their own floor, with the floor attached', () => {
    const below = belowFloors([
      { name: 'socket.io', version: '4.8.1', directory: '/app/node_modules/@nestjs/platform-socket.io/node_modules/socket.io' },
      { name: 'engine.io', version: DEPENDENCY_FLOORS['engine.io'], directory: '/app/node_modules/engine.io' },
      { name: 'ws', version: '8.17.1', directory: '/app/node_modules/ws' },
    ]);
    expect(below).toEqual([
      { name: 'socket.io', version: '4.8.1', floor: '4.8.3', directory: '/app/node_modules/@nestjs/platform-socket.io/node_modules/socket.io' },
      { name: 'ws', version: '8.17.1', floor: '8.21.0', directory: '/app/node_modules/ws' },
    ]);
  });
});

describe('the below-floor message', () => {
  it('names each copy by its path from the app and its floor, with overrides npm accepts for a direct dependency', () => {
    const message = DependencyFloorMessages.belowFloor(
      [
        { name: 'socket.io', version: '4.8.1', floor: '4.8.3', directory: '/app/node_modules/@nestjs/platform-socket.io/node_modules/socket.io' },
        { name: 'ws', version: '8.17.1', floor: '8.21.0', directory: '/app/node_modules/ws' },
      ],
      '/app',
    );
    expect(message).toContain('socket.io 4.8.1 from node_modules/@nestjs/platform-socket.io/node_modules/socket.io, below 4.8.3');
    expect(message).toContain('ws 8.17.1 from node_modules/ws, below 8.21.0');
    expect(message).toContain('list "socket.io": "^4.8.3" (or later) in dependencies and add "overrides": {"socket.io":"$socket.io","ws":"^8.21.0"}');
    expect(message).toContain('npm ls socket.io ws');
  });

  it('pins a transitive package to its floor directly when socket.io itself is fine', () => {
    const message = DependencyFloorMessages.belowFloor([{ name: 'engine.io', version: '6.6.2', floor: '6.6.9', directory: '/app/node_modules/engine.io' }], '/app');
    expect(message).toContain('add "overrides": {"engine.io":"^6.6.9"}');
    expect(message).not.toContain('in dependencies');
  });
});
