import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** Debian's Chromium (`npm test` installs it when missing, see .ci/test-env.mjs), or CHROMIUM_PATH. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags for a headless Chromium in a container: no sandbox (root), no GPU, and no traffic of its
 * own (component updates, background networking), since the machine reaches no such service.
 */
export const CHROMIUM_ARGS: readonly string[] = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];

/** Launches Chromium through playwright-core; fails at once, saying how to get it, when it is missing. */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is needed at ${CHROMIUM_PATH}: run the tests with \`npm test\` at the repository root, which installs it, or apt-get install -y chromium (or set CHROMIUM_PATH).`);
  }
  // Loaded here, not at the top, so suites that never open a browser do not load playwright-core.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: [...CHROMIUM_ARGS], timeout: 30_000 });
}
