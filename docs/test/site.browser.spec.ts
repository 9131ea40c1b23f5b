import { launchChromium } from '@tenantcast/test-support';
import { mkdirSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticSite } from './static-site';

const DIST = fileURLToPath(new URL('../.vitepress/dist', import.meta.url));
const SCREENSHOTS = fileURLToPath(new URL('../test-results/screenshots', import.meta.url));

function sitePages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sitePages(path);
    return entry.name.endsWith('.html') && entry.name !== '404.html' ? [`/${relative(DIST, path).split(sep).join('/')}`] : [];
  });
}

/** What went wrong while a page loaded: console errors, uncaught exceptions, failed or refused requests. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    // VitePress prefetches the pages the sidebar links to; the browser cancels those on the next
    // navigation (net::ERR_ABORTED). A file that is missing still shows as an HTTP error below.
    const reason = request.failure()?.errorText;
    if (reason !== 'net::ERR_ABORTED') problems.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return problems;
}

describe('the built docs site in Chromium', () => {
  const pages = sitePages(DIST);
  let site: StaticSite;
  let browser: Browser;
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    site = await serveStatic(DIST);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    problems = watchProblems(page);
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it('has the pages the sidebar promises', () => {
    expect(pages).toEqual(expect.arrayContaining(['/index.html', '/guide/introduction.html', '/guide/migrating.html', '/reference/configuration.html', '/api/index.html', '/api/@tenantcast/nest.html']));
  });

  it.each(pages)('%s renders, hydrates and loads every resource without an error', async (path) => {
    problems.length = 0;
    await page.goto(`${site.url}${path}`, { waitUntil: 'load' });
    // VitePress has hydrated once Vue's app is mounted; a hydration mismatch is a console error.
    await page.waitForFunction(() => (document.querySelector('#app') as (Element & { __vue_app__?: unknown }) | null)?.__vue_app__ !== undefined);
    const heading = path === '/index.html' ? '.VPHero .name' : '.vp-doc h1';
    await expect(page.locator(heading).first().textContent()).resolves.toMatch(/\S/);
    await expect(page.locator('.vp-doc, .VPHome').first().textContent()).resolves.not.toMatch(/Code snippet path not found|Invalid code snippet option/);
    await page.screenshot({ path: join(SCREENSHOTS, `${path.slice(1).replace(/[/@]/g, '_').replace(/\.html$/, '')}.png`) });
    expect(problems).toEqual([]);
  });
});
