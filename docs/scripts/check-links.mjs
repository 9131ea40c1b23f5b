// `npm test` step: the link check over the built site (run `npm run docs:build` first).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkLinks } from './link-check.mjs';

const docs = fileURLToPath(new URL('..', import.meta.url));
const dist = `${docs}.vitepress/dist`;
if (!existsSync(`${dist}/index.html`)) {
  console.error('check-links: the site is not built; run `npm run docs:build` at the repository root first.');
  process.exit(1);
}
const result = checkLinks(dist);
for (const { page, link, reason } of result.broken) console.error(`check-links: ${page}: ${link}: ${reason}`);
console.log(`check-links: ${result.links} internal links on ${result.pages} pages, ${result.broken.length} broken`);
process.exit(result.broken.length === 0 ? 0 : 1);
