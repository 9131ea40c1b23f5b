import { describe, expect, it } from 'vitest';
import { RealtimeConfigError } from '../errors/realtime-config.error';
import { loadOptionalPeer } from './optional-peer';

describe('loading an optional peer dependency', () => {
  it('fails with a message naming the package to install when it is missing', async () => {
    const missing = '@socket.io/tenantcast-never-published';
    await expect(loadOptionalPeer(missing, "adapter { type: 'redis' }", () => import(/* @vite-ignore */ missing))).rejects.toThrow(RealtimeConfigError);
    await expect(loadOptionalPeer(missing, "adapter { type: 'redis' }", () => import(/* @vite-ignore */ missing))).rejects.toThrow(
      `adapter { type: 'redis' } needs the optional peer dependency ${missing}: run \`npm install ${missing}\`.`,
    );
  });

  it('loads an installed package, and passes other failures on unchanged', async () => {
    expect(typeof (await loadOptionalPeer('@socket.io/redis-adapter', 'adapter', () => import('@socket.io/redis-adapter'))).createAdapter).toBe('function');
    const broken = new Error('boom');
    await expect(loadOptionalPeer('@socket.io/redis-adapter', 'adapter', () => Promise.reject(broken))).rejects.toBe(broken);
  });
});
