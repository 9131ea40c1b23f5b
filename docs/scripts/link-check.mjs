// Checks every internal link and anchor of a built site: each `href` and `src` in every HTML
// page must name a file of the site and, with a `#fragment`, an element id on that page.
// External links (with a scheme, or `//host`) are not fetched: the machine that builds may have
// no network, and their availability is not this repository's to test.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';

const LINK = /\s(?:href|src)="([^"]*)"/g;
const ID = /\sid="([^"]*)"/g;
const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * @param {string} root the built site (VitePress's `.vitepress/dist`)
 * @returns {{ pages: number, links: number, broken: Array<{ page: string, link: string, reason: string }> }}
 */
export function checkLinks(root) {
  const pages = htmlFiles(root).map((file) => `/${relative(root, file).split(sep).join('/')}`);
  const ids = new Map();
  const idsOf = (path) => {
    if (!ids.has(path)) ids.set(path, new Set([...readFileSync(join(root, path), 'utf8').matchAll(ID)].map((match) => decodeEntities(match[1]))));
    return ids.get(path);
  };
  const broken = [];
  let links = 0;
  for (const page of pages) {
    const html = readFileSync(join(root, page), 'utf8');
    for (const [, raw] of html.matchAll(LINK)) {
      const link = decodeEntities(raw);
      if (link === '' || EXTERNAL.test(link)) continue;
      links += 1;
      const [pathAndQuery, fragment] = splitOnce(link, '#');
      const [pathPart] = splitOnce(pathAndQuery, '?');
      const target = pathPart === '' ? page : resolveTarget(root, posix.resolve(posix.dirname(page), decodeURIComponent(pathPart)));
      if (target === undefined) {
        broken.push({ page, link, reason: 'no such file' });
        continue;
      }
      if (fragment !== undefined && fragment !== '' && target.endsWith('.html') && !idsOf(target).has(decodeURIComponent(fragment))) {
        broken.push({ page, link, reason: `no element with id "${decodeURIComponent(fragment)}" on ${target}` });
      }
    }
  }
  return { pages: pages.length, links, broken };
}

/** The site file a path names, the way a static host serves it: `/a/` → `/a/index.html`, `/a` → `/a.html`. */
function resolveTarget(root, path) {
  const candidates = path.endsWith('/') ? [`${path}index.html`] : [path, `${path}.html`, `${path}/index.html`];
  return candidates.find((candidate) => existsSync(join(root, candidate)) && statSync(join(root, candidate)).isFile());
}

function htmlFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return htmlFiles(path);
    return entry.name.endsWith('.html') ? [path] : [];
  });
}

function splitOnce(text, separator) {
  const at = text.indexOf(separator);
  return at === -1 ? [text, undefined] : [text.slice(0, at), text.slice(at + 1)];
}

function decodeEntities(text) {
  return text.replace(/&(amp|quot|#39|lt|gt);/g, (_, entity) => ({ amp: '&', quot: '"', '#39': "'", lt: '<', gt: '>' })[entity]);
}
