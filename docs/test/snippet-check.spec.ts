import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { checkSnippets } from '../scripts/snippet-check.mjs';

describe('the snippet check', () => {
  const roots: string[] = [];
  function docs(files: Record<string, string>): string {
    const root = mkdtempSync(join(tmpdir(), 'tc-snippets-'));
    roots.push(root);
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    }
    return root;
  }
  afterEach(() => roots.splice(0).forEach((root) => rmSync(root, { recursive: true, force: true })));

  const snippet = '// #region a\nexport const a = 1;\n// #endregion a\n';

  it('accepts includes of existing regions, with highlighted lines and a code-group title', () => {
    const root = docs({
      'snippets/nest/a.ts': snippet,
      'guide/page.md': '<<< @/snippets/nest/a.ts#a\n\n<<< @/snippets/nest/a.ts#a{1}\n\n<<< @/snippets/nest/a.ts#a [nestjs-pino]\n\n```sh\nnpm test\n```\n',
    });
    expect(checkSnippets(root)).toEqual([]);
  });

  it('refuses inline TypeScript, a missing region (also behind a title) and a file from an uncompiled place', () => {
    const root = docs({
      'snippets/nest/a.ts': snippet,
      'elsewhere/b.ts': snippet,
      'guide/page.md': '```ts\nconst x = 1;\n```\n<<< @/snippets/nest/a.ts#b [tab]\n<<< @/elsewhere/b.ts#a\n',
    });
    expect(checkSnippets(root)).toEqual([
      'guide/page.md:1: inline ```ts block; put the code in a compiled file under snippets/ and include it with <<< @/snippets/…#region',
      'guide/page.md:4: snippets/nest/a.ts has no "#region b"',
      'guide/page.md:4: snippets/nest/a.ts has no "#endregion b"',
      expect.stringMatching(/^guide\/page\.md:5: elsewhere\/b\.ts is not in a compiled place/),
    ]);
  });
});
