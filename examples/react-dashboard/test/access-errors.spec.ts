import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '@tenantcast/test-support';
import { startBackend, type Backend } from './support/backend';
import { DashboardWindow } from './support/dashboard-window';

describe('refusals a person can act on', () => {
  let backend: Backend;
  let browser: Browser;

  beforeAll(async () => {
    backend = await startBackend();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('a viewer lists only the RCAs it may open, and opening another says why and whom to ask', async () => {
    const vera = await DashboardWindow.openWindow(browser, backend, 'vera');
    await vera.waitUntil('listed RCAs', () => vera.page.locator('[data-rca]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-rca'))), ['17']);

    await vera.page.evaluate(() => (window.location.hash = '#/rcas/42'));
    const notice = vera.page.getByRole('alert');
    await notice.waitFor();
    expect(await notice.getAttribute('data-code')).toBe('FORBIDDEN');
    expect(await notice.innerText()).toMatch(/You may not open RCA 42[\s\S]*Ask an engineer of your tenant to share it/);
    await vera.screenshot('forbidden');

    await notice.getByRole('link', { name: 'Back to the RCAs you may open' }).click();
    await vera.openRca('17');
    expect(await vera.viewers()).toEqual(['vera']);
    // Read-only: the page offers nothing the server would refuse her.
    await vera.page.getByTestId('read-only').waitFor();
    expect(await vera.page.getByTestId('announce').count()).toBe(0);
    expect(await vera.page.locator('[data-testid^="nudge-"]').count()).toBe(0);
  });

  it('an invalid RCA id in the address says so instead of joining anything', async () => {
    const alice = await DashboardWindow.openWindow(browser, backend, 'alice');
    await alice.page.evaluate(() => (window.location.hash = `#/rcas/${encodeURIComponent('a:b')}`));
    const notice = alice.page.getByRole('alert');
    await notice.waitFor();
    expect(await notice.getAttribute('data-code')).toBe('INVALID_ROOM');
    expect(await notice.innerText()).toContain('“a:b” is not a valid RCA id');
  });
});
