import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@tenantcast/test-support';
import { startBackend, type Backend } from './support/backend';
import { DashboardWindow } from './support/dashboard-window';

describe('forcing long-polling from the connection bar', () => {
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

  it('reconnects over polling without opening a WebSocket, and presence and updates still flow both ways', async () => {
    expect(await alice.page.getByTestId('transport').innerText()).toBe('websocket');
    const websocketsBefore = alice.websockets.length;

    await alice.page.getByTestId('force-polling').check();
    await alice.waitUntil('the transport', () => alice.page.getByTestId('transport').innerText(), 'polling');
    await alice.waitForStatus('connected');
    await alice.page.locator('[data-room-status="joined"]').waitFor();
    await alice.waitUntil('viewers', () => alice.viewers(), ['alice', 'bob']);
    await alice.waitUntil('online', () => alice.online(), ['alice', 'bob']);

    await bob.postUpdate('closed', 'Pump seal replaced');
    await alice.waitForFeed('bob set the status to closed: Pump seal replaced');
    await alice.comment('Confirmed over polling');
    await bob.waitForFeed('Confirmed over polling');
    expect(alice.websockets.length).toBe(websocketsBefore);
    expect(await alice.page.getByTestId('transport').innerText()).toBe('polling');
    await alice.screenshot('polling');

    await alice.page.getByTestId('force-polling').uncheck();
    await alice.waitUntil('the transport', () => alice.page.getByTestId('transport').innerText(), 'websocket');
    // Closing the polling connection may leave one poll racing the session's end (a 400 the
    // browser logs); anything else in the console is a failure.
    expect(alice.unexplainedConsoleErrors()).toEqual([]);
    expect(alice.endedSessionPolls.length).toBeLessThanOrEqual(1);
  });
});
