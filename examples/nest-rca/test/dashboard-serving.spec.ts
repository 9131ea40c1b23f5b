import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from './support/app';
import { connect, connectError } from './support/clients';
import { DEMO_ENV, tokenFor } from './support/tokens';

const INDEX = '<!doctype html><title>RCA dashboard</title>';
const SCRIPT = 'console.log("dashboard");';

describe('serving the built dashboard from the backend (DASHBOARD_DIR)', () => {
  let withDashboard: RunningApp;
  let withoutDashboard: RunningApp;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dashboard-'));
    writeFileSync(join(dir, 'index.html'), INDEX);
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'index-abc123.js'), SCRIPT);
    withDashboard = await startApp({ ...DEMO_ENV, DASHBOARD_DIR: dir });
    withoutDashboard = await startApp(DEMO_ENV);
  });
  afterAll(async () => {
    await withDashboard.close();
    await withoutDashboard.close();
  });

  it('serves index.html at / and the built assets beside it, on the API’s own port', async () => {
    const page = await fetch(`${withDashboard.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await page.text()).toBe(INDEX);
    const script = await fetch(`${withDashboard.url}/assets/index-abc123.js`);
    expect(script.headers.get('content-type')).toMatch(/javascript/);
    expect(await script.text()).toBe(SCRIPT);
  });

  it('leaves the API as it was: its routes, its 401s and its 404s for unknown paths', async () => {
    expect((await fetch(`${withDashboard.url}/realtime/health`)).status).toBe(200);
    expect(await (await fetch(`${withDashboard.url}/presence`)).json()).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    const unknown = await fetch(`${withDashboard.url}/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).not.toContain('RCA dashboard');
    expect((await fetch(`${withDashboard.url}/assets/missing.js`)).status).toBe(404);
  });

  it('lets the page it serves connect from the server’s own origin, and only when it serves one', async () => {
    const token = tokenFor('alice', 'acme');
    const ownOrigin = (app: RunningApp) => ({ extraHeaders: { Origin: app.url } });
    const { socket } = await connect(`${withDashboard.url}/rca`, token, ownOrigin(withDashboard));
    socket.close();
    await expect(connectError(`${withDashboard.url}/rca`, token, { extraHeaders: { Origin: 'https://evil.example' } })).resolves.toBeInstanceOf(Error);
    await expect(connectError(`${withoutDashboard.url}/rca`, token, ownOrigin(withoutDashboard))).resolves.toBeInstanceOf(Error);
  });

  it('serves no page without DASHBOARD_DIR', async () => {
    expect((await fetch(`${withoutDashboard.url}/`)).status).toBe(404);
  });
});
