import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '@tenantcast/protocol';
import { launchChromium } from '@tenantcast/test-support';
import { signToken } from './support/jwt';
import { startTestServer, type TestServer } from './support/test-server';

declare global {
  interface Window {
    startClient(url: string, namespace: string, token: string): void;
    realtime: { status: string; events: Envelope[]; room?: string; error?: string };
  }
}

/** Bundles the built ESM client for the browser; fails if it needs any Node built-in. */
async function browserBundle(): Promise<string> {
  const entry = fileURLToPath(new URL('../dist/index.js', import.meta.url));
  const result = await build({ entryPoints: [entry], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
  return result.outputFiles[0]!.text;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>tenantcast browser test</title>
<script type="module">
  import { createRealtimeClient } from '/client.js';
  window.realtime = { status: 'idle', events: [] };
  window.startClient = (url, namespace, token) => {
    const client = createRealtimeClient({ url, namespace, token: () => token });
    client.status.subscribe(() => { window.realtime.status = client.status.getSnapshot().type; });
    client.on('rca-updated', (envelope) => window.realtime.events.push(envelope));
    client.join('rca', '42').then((room) => { window.realtime.room = room.room; }, (error) => { window.realtime.error = String(error); });
  };
</script>`;

describe('the client in a real browser (Chromium)', () => {
  let server: TestServer;
  let pages: Server;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    // Launched first: without Chromium the suite fails at once, saying how to get it.
    browser = await launchChromium();
    const bundle = await browserBundle();
    pages = createServer((request, response) => {
      const isBundle = request.url === '/client.js';
      response.writeHead(200, { 'content-type': isBundle ? 'text/javascript' : 'text/html' });
      response.end(isBundle ? bundle : PAGE);
    });
    await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
    const pageOrigin = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
    server = await startTestServer({ cors: { origin: pageOrigin } });
    page = await browser.newPage();
    await page.goto(pageOrigin);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    // Whatever beforeAll got to: a failed launch must end the suite, not leave it waiting.
    if (pages) await new Promise((resolve) => pages.close(resolve));
  });

  it('bundles for the browser without Node built-ins, connects, joins a room and receives its envelopes', async () => {
    const token = signToken({ sub: 'browser-user', tenantId: 'acme' });
    await page.evaluate(({ url, namespace, token }) => window.startClient(url, namespace, token), { url: server.url, namespace: server.namespace, token });
    await page.waitForFunction(() => window.realtime.room !== undefined || window.realtime.error !== undefined);
    expect(await page.evaluate(() => window.realtime)).toMatchObject({ status: 'connected', room: 'tenant:acme:rca:42' });
    const sent = server.realtime.emitToRoom('acme', 'rca', '42', 'rca-updated', { status: 'closed' });
    await page.waitForFunction(() => window.realtime.events.length > 0);
    expect(await page.evaluate(() => window.realtime.events)).toEqual([sent]);
  });
});
