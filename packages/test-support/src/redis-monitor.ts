import { spawn } from 'node:child_process';
import { REDIS_URL } from './redis';
import { waitFor } from './wait';

/** Every command Redis executed while it ran, one line each, as `redis-cli monitor` prints them. */
export interface RedisMonitor {
  readonly lines: string[];
  stop(): void;
}

/**
 * Watches every command Redis runs (`MONITOR`, through `redis-cli` in its own process), to prove
 * what never reaches Redis. Resolves once the monitor is attached.
 */
export async function monitorRedis(url = REDIS_URL): Promise<RedisMonitor> {
  const child = spawn('redis-cli', ['-u', url, 'monitor'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const lines: string[] = [];
  let partial = '';
  child.stdout.on('data', (chunk: Buffer) => {
    const parts = (partial + chunk.toString()).split('\n');
    partial = parts.pop() ?? '';
    lines.push(...parts);
  });
  await waitFor(() => lines.some((line) => line.startsWith('OK')), 'redis-cli monitor to attach', 5_000);
  return { lines, stop: () => child.kill() };
}
