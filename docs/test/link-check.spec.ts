import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLinks } from '../scripts/link-check.mjs';

describe('the link check', () => {
  const roots: string[] = [];
  function site(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'tc-links-'));
    roots.push(root);
    for (const [path, html] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), html);
    }
    return root;
  }
  afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

  it('accepts links to existing pages and anchors, relative and absolute, and skips external ones', () => {
    const root = site({
      'index.html': '<a href="/guide/a.html#setup">a</a> <a href="guide/">dir</a> <a href="https://example.com/x">x</a> <img src="/logo.png">',
      'guide/a.html': '<h2 id="setup">Setup</h2><a href="./b#x">b</a><a href="#setup">self</a>',
      'guide/b.html': '<p id="x">x</p>',
      'guide/index.html': '<a href="../index.html">home</a>',
      'logo.png': 'png',
    });
    expect(checkLinks(root)).toMatchObject({ pages: 4, links: 6, broken: [] });
  });

  it('fails a link to a page that does not exist and an anchor that is not on its page', () => {
    const root = site({
      'index.html': '<a href="/guide/missing.html">m</a> <a href="/guide/a.html#nowhere">n</a>',
      'guide/a.html': '<h2 id="setup">Setup</h2>',
    });
    expect(checkLinks(root).broken).toEqual([
      { page: '/index.html', link: '/guide/missing.html', reason: 'no such file' },
      { page: '/index.html', link: '/guide/a.html#nowhere', reason: 'no element with id "nowhere" on /guide/a.html' },
    ]);
  });
});
