// Checks the code of the pages: every TypeScript or JavaScript example is a file included with
// `<<< @/file#region`, from a place where it is compiled, and every region it names exists
// (VitePress silently includes the whole file for a region it cannot find).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Where included files may come from, and why each place can be trusted. */
export const INCLUDE_SOURCES = [
  [/^snippets\/(nest|web|contract)\//, 'type-checked by snippets/nest and snippets/web (npm run typecheck -w docs)'],
  [/^snippets\/before\//, 'quoted as-is, never compiled: label it on the page'],
  [/^\.\.\/examples\/nest-rca\/src\//, 'compiled and tested with the nest-rca example'],
  [/^vitest\.config\.ts$/, "this site's own test configuration, run by npm test"],
];
// `<<< @/path#region{1-3} [title]`: highlighted lines and a code-group tab title are optional.
const INCLUDE = /^<<<\s+@\/(\S+?)(?:#([\w*-]+))?(?:\s?\{[^}]*\})?(?:\s?\[[^\]]*\])?\s*$/;
const INLINE_CODE = /^(`{3,}|~{3,})\s*(ts|tsx|typescript|js|jsx|javascript|mjs|cjs)\b/;

/** @returns the problems found in the Markdown pages under `docs` (skipping generated ones) */
export function checkSnippets(docs, { skip = ['node_modules', 'api', 'generated', 'snippets', '.vitepress'] } = {}) {
  const problems = [];
  for (const file of markdownFiles(docs, skip)) {
    const page = relative(docs, file).split(sep).join('/');
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        const where = `${page}:${index + 1}`;
        if (INLINE_CODE.test(line)) {
          problems.push(`${where}: inline ${line.trim()} block; put the code in a compiled file under snippets/ and include it with <<< @/snippets/…#region`);
          return;
        }
        const include = INCLUDE.exec(line.trim());
        if (include === null) return;
        const [, path, region] = include;
        if (!INCLUDE_SOURCES.some(([pattern]) => pattern.test(path))) {
          problems.push(`${where}: ${path} is not in a compiled place (${INCLUDE_SOURCES.map(([pattern]) => pattern.source).join(', ')})`);
          return;
        }
        const source = join(docs, path);
        if (!existsSync(source)) {
          problems.push(`${where}: ${path} does not exist`);
          return;
        }
        if (region === undefined) return;
        const text = readFileSync(source, 'utf8');
        for (const marker of [`#region ${region}`, `#endregion ${region}`]) {
          if (!new RegExp(`^\\s*(//|/\\*|<!--|#) ?${marker}\\b`, 'm').test(text)) problems.push(`${where}: ${path} has no "${marker}"`);
        }
      });
  }
  return problems;
}

function markdownFiles(dir, skip) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (skip.includes(entry.name)) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return markdownFiles(path, skip);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}
