import { DEFAULT_RECONNECTION } from '@tenantcast/client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@tenantcast/test-support';
import { startBackend, type Backend } from './support/backend';
import { DashboardWindow } from './support/dashboard-window';

/**
 * After the backend is back, the next attempt runs within the longest reconnect delay (the
 * client's defaults: the cap plus its jitter); then the handshake and the re-join take a moment.
 */
const RECOVERY_MS = DEFAULT_RECONNECTION.maxDelayMs * (1 + DEFAULT_RECONNECTION.jitter) + 5_000;

describe('the dashboard through a backend restart', () => {
  let backend: Backend;
  let browser: Browser;
  let alice: DashboardWindow;
  let bob: DashboardWindow;

  beforeAll(async () => {
    backend = await startBackend();
    browser = await launchChromium();
    alice = await DashboardWindow.openWindow(browser, backend, 'alice');
    bob = await DashboardWindow.openWindow(browser, backend, 'bob');
    for (const window of [alice, bob]) await window.openRca('42');
  });
  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('shows reconnecting with the attempt and its countdown while the backend is down, then recovers and re-joins the room', async () => {
    await alice.waitUntil('viewers', () => alice.viewers(), ['alice', 'bob']);
    await backend.stop();

    await alice.waitForStatus('reconnecting');
    expect(await alice.page.getByTestId('reconnect').innerText()).toMatch(/^ ?attempt \d+ in \d+\.\d s$/);
    expect(await alice.page.locator('[data-room-status]').getAttribute('data-room-status')).toBe('joining');
    await alice.screenshot('reconnecting');

    await backend.start();
    for (const window of [alice, bob]) await window.waitForStatus('connected', RECOVERY_MS);
    // The restarted backend kept nothing in memory: both are in the room again because each
    // window joined it again on its own.
    await alice.waitUntil('viewers', () => alice.viewers(), ['alice', 'bob']);
    await bob.waitUntil('viewers', () => bob.viewers(), ['alice', 'bob']);
    await bob.comment('Back after the restart');
    await alice.waitForFeed('Back after the restart');
  });

  it('says when the restarted backend no longer accepts the session, and signs in again from there', async () => {
    await backend.stop();
    await backend.start({ DEMO_AUTH: 'false', JWT_SECRET: 'another-secret-after-the-restart-0123456789abcdef' });

    await alice.waitForStatus('unauthorized', RECOVERY_MS);
    const notice = alice.page.getByRole('alert');
    expect(await notice.getAttribute('data-code')).toBe('UNAUTHORIZED');
    expect(await notice.innerText()).toMatch(/The server no longer accepts your sign-in[\s\S]*This server does not issue demo tokens \(DEMO_AUTH is off\)/);
    await alice.screenshot('unauthorized');

    await notice.getByRole('button', { name: 'Sign in again' }).click();
    await alice.page.getByTestId('sign-in-alice').waitFor();
  });
});
