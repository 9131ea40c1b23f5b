import type { PresenceMember } from '@tenantcast/protocol';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, waitFor } from '@tenantcast/test-support';
import { startBackend, type Backend } from './support/backend';
import { DashboardWindow, SCREENSHOTS } from './support/dashboard-window';

/** Who the backend itself counts in an RCA's room, over its HTTP API (as an acme engineer). */
async function roomPresence(backend: Backend, rcaId: string): Promise<PresenceMember[]> {
  const post = await fetch(`${backend.url}/auth/dev-token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ userId: 'probe', tenantId: 'acme', role: 'engineer' }) });
  const { token } = (await post.json()) as { token: string };
  const response = await fetch(`${backend.url}/rcas/${rcaId}/presence`, { headers: { authorization: `Bearer ${token}` } });
  return ((await response.json()) as { members: PresenceMember[] }).members;
}

describe('two users of one tenant in two browser windows; a third window in another tenant', () => {
  let backend: Backend;
  let browser: Browser;
  let alice: DashboardWindow;
  let bob: DashboardWindow;
  let carol: DashboardWindow;

  beforeAll(async () => {
    backend = await startBackend();
    browser = await launchChromium();
    alice = await DashboardWindow.openWindow(browser, backend, 'alice');
    bob = await DashboardWindow.openWindow(browser, backend, 'bob');
    carol = await DashboardWindow.openWindow(browser, backend, 'carol');
  });
  afterAll(async () => {
    await browser?.close();
    await backend?.stop();
  });

  it('see each other online in the tenant and viewing RCA 42, one avatar per user however many tabs, and see each other leave', async () => {
    await alice.waitUntil('online', () => alice.online(), ['alice', 'bob']);
    await bob.waitUntil('online', () => bob.online(), ['alice', 'bob']);
    for (const window of [alice, bob, carol]) await window.openRca('42');
    await alice.waitUntil('viewers', () => alice.viewers(), ['alice', 'bob']);
    await bob.waitUntil('viewers', () => bob.viewers(), ['alice', 'bob']);
    await alice.waitForFeed('bob opened this RCA');

    const bobsSecondTab = await bob.anotherTab(backend);
    await bobsSecondTab.openRca('42');
    await waitFor(async () => (await roomPresence(backend, '42')).find((member) => member.userId === 'bob')?.connections === 2, 'the backend to count two connections of bob in RCA 42');
    await bob.page.close();
    await waitFor(async () => (await roomPresence(backend, '42')).find((member) => member.userId === 'bob')?.connections === 1, 'the backend to count one connection of bob in RCA 42');
    // The room's events reach alice's connection in order: had bob's first tab produced a
    // user-left, it would be in her feed before her own comment.
    await alice.comment('Still here?');
    expect(await alice.viewers()).toEqual(['alice', 'bob']);
    expect(await alice.online()).toEqual(['alice', 'bob']);
    expect((await alice.feed()).some((line) => line.includes('bob left'))).toBe(false);

    await bobsSecondTab.page.close();
    await alice.waitUntil('viewers', () => alice.viewers(), ['alice']);
    await alice.waitUntil('online', () => alice.online(), ['alice']);
    await alice.waitForFeed('bob left');

    // Carol's RCA 42 is globex's: after a round trip of her own, she has seen none of it.
    await carol.comment('Globex only');
    expect(await carol.viewers()).toEqual(['carol']);
    expect(await carol.online()).toEqual(['carol']);
    expect((await carol.feed()).filter((line) => !line.includes('Globex only'))).toEqual([]);
  });

  it('an update posted in one window appears in the other’s feed and status; the other tenant sees neither', async () => {
    bob = await DashboardWindow.openWindow(browser, backend, 'bob');
    await bob.openRca('42');
    await alice.waitUntil('viewers', () => alice.viewers(), ['alice', 'bob']);

    await alice.postUpdate('action-planned', 'Replace the pump seal');
    await bob.waitForFeed('alice set the status to action-planned: Replace the pump seal');
    await bob.waitUntil('status badge', () => bob.text('.rca-page h1 .status-badge'), 'action planned');
    await bob.comment('Seal ordered');
    await alice.waitForFeed('Seal ordered');

    await carol.comment('Still only globex');
    expect((await carol.feed()).some((line) => line.includes('alice') || line.includes('bob'))).toBe(false);
    expect(await carol.text('.rca-page h1 .status-badge')).toBe('investigating');

    // The list of each window shows its own tenant's status.
    await bob.page.evaluate(() => (window.location.hash = '#/'));
    await bob.waitUntil('RCA 42 in the list', () => bob.text('[data-rca="42"] [data-testid="rca-status"]'), 'action planned');
    await carol.page.evaluate(() => (window.location.hash = '#/'));
    await carol.waitUntil('RCA 42 in the list', () => carol.text('[data-rca="42"] [data-testid="rca-status"]'), 'investigating');
    await bob.openRca('42');
    await carol.openRca('42');
  });

  it('a nudge toasts in its user’s window only, an announcement banners in every window of the tenant only', async () => {
    await bob.page.getByTestId('nudge-alice').click();
    await alice.page.locator('.toast', { hasText: 'Can you take a look?' }).waitFor();
    await alice.page.getByTestId('announce-text').fill('Line 3 stops at 18:00');
    await alice.page.getByTestId('announce').click();
    for (const window of [alice, bob]) await window.page.getByTestId('announcement').filter({ hasText: 'Line 3 stops at 18:00' }).waitFor();

    await carol.comment('Anything for globex?');
    expect(await carol.page.getByTestId('announcement').count()).toBe(0);
    expect(await carol.page.locator('.toast').count()).toBe(0);
    expect(await bob.page.locator('.toast').count()).toBe(0);
  });

  it('leaves no console error in any window, and saves the two acme windows side by side', async () => {
    for (const window of [alice, bob, carol]) expect(window.consoleErrors, window.user).toEqual([]);
    const [left, right] = [await alice.page.screenshot(), await bob.page.screenshot()];
    const sideBySide = await (await browser.newContext({ viewport: { width: 2220, height: 720 } })).newPage();
    await sideBySide.setContent(
      `<body style="margin:0;display:flex;gap:20px;background:#9ca3af"><img src="data:image/png;base64,${left.toString('base64')}"><img src="data:image/png;base64,${right.toString('base64')}"></body>`,
    );
    await sideBySide.screenshot({ path: `${SCREENSHOTS}two-windows.png` });
  });
});
