import { Logger } from '@nestjs/common';
import type { LoggerService } from '@nestjs/common';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { closeAll, connect } from './support/clients';
import { api } from './support/http';
import { DEMO_ENV, tokenFor } from './support/tokens';

/** Records every log call with its level. */
class LevelLogger implements LoggerService {
  readonly entries: Array<{ level: string; line: string }> = [];
  log(message: unknown): void { this.entries.push({ level: 'log', line: String(message) }); }
  error(message: unknown, ...rest: unknown[]): void { this.entries.push({ level: 'error', line: [message, ...rest].map(String).join(' ') }); }
  warn(message: unknown): void { this.entries.push({ level: 'warn', line: String(message) }); }
  debug(message: unknown): void { this.entries.push({ level: 'debug', line: String(message) }); }
  verbose(message: unknown): void { this.entries.push({ level: 'verbose', line: String(message) }); }
}

async function raw(url: string, path: string, body: string, token?: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body });
  return { status: response.status, body: await response.json() };
}

describe('security fixes in the example', () => {
  const logger = new LevelLogger();
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp(DEMO_ENV, { logger });
    Logger.overrideLogger(logger);
  });
  afterEach(closeAll);
  afterAll(() => server.close());

  it('fix 4: an update nested 45,000 deep (under the body limit) answers 400 INVALID_PAYLOAD, not 500', async () => {
    const deep = `${'['.repeat(45_000)}${']'.repeat(45_000)}`;
    expect(deep.length).toBe(90_000);
    const response = await raw(server.url, '/rcas/42/updates', deep, tokenFor('alice', 'acme'));
    expect(response).toMatchObject({ status: 400, body: { statusCode: 400, code: 'INVALID_PAYLOAD', message: expect.stringContaining('maxPayloadDepth') } });
    expect(logger.entries.filter((entry) => entry.level === 'error')).toEqual([]);
  });

  it('fix 5: outsiders’ oversized and malformed bodies answer { statusCode, code, message } and log one warn line, no ERROR or stack', async () => {
    const before = logger.entries.length;
    expect(await raw(server.url, '/rcas/42/updates', JSON.stringify({ blob: 'x'.repeat(200_000) }))).toMatchObject({ status: 413, body: { statusCode: 413, code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) } });
    expect(await raw(server.url, '/rcas/42/updates', '{"broken":', tokenFor('alice', 'acme'))).toMatchObject({ status: 400, body: { statusCode: 400, code: 'INVALID_PAYLOAD' } });
    expect(await raw(server.url, '/no-such-route', '{}')).toMatchObject({ status: 404, body: { statusCode: 404, code: 'NOT_FOUND' } });
    const written = logger.entries.slice(before);
    expect(written.filter((entry) => entry.level === 'error')).toEqual([]);
    expect(written.filter((entry) => entry.level === 'warn')).toHaveLength(3);
    expect(written.every((entry) => !entry.line.includes('\n    at '))).toBe(true);
  });

  it('fix 6: a viewer can neither broadcast to the tenant nor notify users nor post updates or comments; roles that may, can', async () => {
    const viewer = tokenFor('vera', 'acme', { role: 'viewer', rcaIds: ['42'] });
    for (const path of ['/tenant/broadcasts', '/users/alice/notifications', '/rcas/42/updates', '/rcas/42/comments']) {
      expect(await api(server.url, 'POST', path, { token: viewer, body: {} }), path).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    }
    expect(await api(server.url, 'POST', '/tenant/broadcasts', { token: tokenFor('eng', 'acme'), body: {} })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect((await api(server.url, 'POST', '/tenant/broadcasts', { token: tokenFor('boss', 'acme', { role: 'manager' }), body: {} })).status).toBe(202);
    expect((await api(server.url, 'POST', '/users/alice/notifications', { token: tokenFor('eng', 'acme'), body: {} })).status).toBe(202);
    expect((await api(server.url, 'POST', '/rcas/42/comments', { token: tokenFor('eng', 'acme'), body: { text: 'Root cause found' } })).status).toBe(202);
    expect((await api(server.url, 'GET', '/rcas/42/presence', { token: viewer })).status).toBe(200);
    expect((await api(server.url, 'GET', '/presence', { token: viewer })).status).toBe(200);
    expect((await api(server.url, 'GET', '/rcas', { token: viewer })).status).toBe(200);
  });

  it('checks the WebSocket handshake’s Origin against CORS_ORIGIN', async () => {
    const guarded = await startApp({ ...DEMO_ENV, CORS_ORIGIN: 'https://dashboard.example' });
    try {
      const token = tokenFor('alice', 'acme');
      await expect(connect(`${guarded.url}/rca`, token, { extraHeaders: { Origin: 'https://evil.example' } })).rejects.toThrow();
      const { socket } = await connect(`${guarded.url}/rca`, token, { extraHeaders: { Origin: 'https://dashboard.example' } });
      expect(socket.connected).toBe(true);
    } finally {
      closeAll();
      await guarded.close();
    }
  });
});

describe('HOST', () => {
  it('main.js listens on HOST (127.0.0.1 by default) and says so', async () => {
    // Tests run from the example's folder (npm test); the built entry point is what users start.
    const entry = join(process.cwd(), 'dist/main.js');
    const child = spawn(process.execPath, [entry], { env: { ...process.env, PORT: '0', DEMO_AUTH: 'true', HOST: '', REDIS_URL: '', WEBSOCKET_PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const banner = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Health')) resolve(out);
        });
        child.once('exit', (code) => reject(new Error(`main.js exited with ${code}: ${out}`)));
      });
      expect(banner).toMatch(/HTTP API {4}http:\/\/127\.0\.0\.1:\d+ {2}\(listening on 127\.0\.0\.1;/);
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(banner)![1]);
      expect((await fetch(`http://127.0.0.1:${port}/realtime/health`)).status).toBe(200);
    } finally {
      child.kill('SIGTERM');
    }
  });
});
