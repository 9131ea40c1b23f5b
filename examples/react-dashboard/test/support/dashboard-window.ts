import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { waitFor } from '@tenantcast/test-support';
import type { Backend } from './backend';

/** Where the suites' screenshots go (git-ignored). */
export const SCREENSHOTS = fileURLToPath(new URL('../../test-results/', import.meta.url));

/** Deadline for what the page shows after an event that already happened on the server. */
const SHOWN_MS = 5_000;

/** A demo user of the sign-in page (`DEMO_USERS`). */
export type DemoUser = 'alice' | 'bob' | 'vera' | 'carol';

/**
 * One browser tab of the dashboard, driven as a person would: through the page's own controls,
 * read back from what it shows.
 */
export class DashboardWindow {
  /** Console errors of the page, to prove a flow left none. */
  readonly consoleErrors: string[] = [];
  /** WebSocket connections the page opened. */
  readonly websockets: string[] = [];
  /**
   * Long-polling requests the server answered `Session ID unknown`: when a polling connection is
   * closed, its last poll can race the session's end. Socket.IO's protocol, not an app error;
   * Chromium still logs each as a failed resource.
   */
  readonly endedSessionPolls: string[] = [];

  private constructor(
    readonly page: Page,
    readonly user: DemoUser,
  ) {
    // A control that never appears fails the step soon, not after Playwright's 30 s.
    page.setDefaultTimeout(2 * SHOWN_MS);
    page.on('console', (message) => {
      if (message.type() === 'error') this.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => this.consoleErrors.push(String(error)));
    page.on('websocket', (socket) => this.websockets.push(socket.url()));
    page.on('response', (response) => {
      if (response.status() !== 400 || !/[?&]transport=polling&.*sid=/.test(response.url())) return;
      void response.text().then(
        (body) => {
          if (body.includes('"Session ID unknown"')) this.endedSessionPolls.push(response.url());
        },
        () => undefined,
      );
    });
  }

  /** Console errors other than one failed-resource line per {@link endedSessionPolls} entry. */
  unexplainedConsoleErrors(): string[] {
    let explained = this.endedSessionPolls.length;
    return this.consoleErrors.filter((line) => {
      if (explained > 0 && line === 'Failed to load resource: the server responded with a status of 400 (Bad Request)') {
        explained -= 1;
        return false;
      }
      return true;
    });
  }

  /** Opens the dashboard in a new tab of `context` and signs in as `user`. */
  static async open(context: BrowserContext, backend: Backend, user: DemoUser): Promise<DashboardWindow> {
    const window = new DashboardWindow(await context.newPage(), user);
    await window.page.goto(backend.url);
    await window.page.getByTestId(`sign-in-${user}`).click();
    await window.waitForStatus('connected');
    return window;
  }

  /** A browser window of its own (cookies and storage not shared), signed in as `user`. */
  static async openWindow(browser: Browser, backend: Backend, user: DemoUser): Promise<DashboardWindow> {
    return DashboardWindow.open(await browser.newContext({ viewport: { width: 1100, height: 720 } }), backend, user);
  }

  /** Another tab of the same browser window, signed in as the same user. */
  anotherTab(backend: Backend): Promise<DashboardWindow> {
    return DashboardWindow.open(this.page.context(), backend, this.user);
  }

  /** The connection status the bar shows. */
  status(): Promise<string> {
    return this.page.getByTestId('connection-status').innerText();
  }

  /** Waits until the bar shows `status`. */
  waitForStatus(status: string, timeoutMs = SHOWN_MS): Promise<void> {
    return this.waitUntil('the connection status', () => this.status(), status, timeoutMs);
  }

  /** Opens RCA `rcaId` (the hash route) and waits until its room is joined. */
  async openRca(rcaId: string): Promise<void> {
    await this.page.evaluate((hash) => (window.location.hash = hash), `#/rcas/${rcaId}`);
    await this.page.locator('[data-room-status="joined"]').waitFor({ timeout: SHOWN_MS });
  }

  /** Who the RCA page shows as viewing it, sorted. */
  async viewers(): Promise<string[]> {
    return sorted(await this.page.locator('[data-testid="viewers"] [data-user]').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-user') ?? '')));
  }

  /** Who the tenant panel shows online, sorted. */
  async online(): Promise<string[]> {
    return sorted(await this.page.locator('[data-testid="online"] li').evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-user') ?? '')));
  }

  /** The feed's lines, newest first. */
  async feed(): Promise<string[]> {
    if ((await this.page.getByTestId('feed').count()) === 0) return [];
    return this.page.locator('[data-testid="feed"] li').allInnerTexts();
  }

  /** Waits until `read` returns `expected` (compared as JSON); the failure says what it was instead. */
  async waitUntil<T>(what: string, read: () => Promise<T>, expected: T, timeoutMs = SHOWN_MS): Promise<void> {
    let last: T | undefined;
    try {
      await waitFor(async () => JSON.stringify((last = await read())) === JSON.stringify(expected), `${this.user}'s window: ${what} to be ${JSON.stringify(expected)}`, timeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}; it was ${JSON.stringify(last)}`);
    }
  }

  /** The text of an element (its content, not its CSS-transformed rendering). */
  async text(selector: string): Promise<string> {
    return (await this.page.locator(selector).textContent({ timeout: SHOWN_MS })) ?? '';
  }

  /** Waits until a feed line contains `text`. */
  async waitForFeed(text: string, timeoutMs = SHOWN_MS): Promise<void> {
    await waitFor(async () => (await this.feed()).some((line) => line.includes(text)), `${this.user}'s feed to show "${text}"`, timeoutMs);
  }

  /** Posts a status update through the page's form. */
  async postUpdate(status: string, note: string): Promise<void> {
    await this.page.getByTestId('update-status').selectOption(status);
    await this.page.getByTestId('update-note').fill(note);
    await this.page.getByTestId('post-update').click();
  }

  /** Posts a comment through the page's form, and waits until it came back through the room. */
  async comment(text: string): Promise<void> {
    await this.page.getByTestId('comment-text').fill(text);
    await this.page.getByTestId('post-comment').click();
    await this.waitForFeed(text);
  }

  /** Saves a screenshot under test-results/. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const path = `${SCREENSHOTS}${name}.png`;
    await this.page.screenshot({ path });
    return path;
  }
}

function sorted(values: string[]): string[] {
  return [...values].sort();
}
