import { createServer } from 'node:net';

/**
 * A port that was free a moment ago, for settings that need a number up front. Prefer
 * `listen(0)` wherever the server can report its own port.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
