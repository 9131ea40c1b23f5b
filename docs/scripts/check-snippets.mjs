// `npm test` step, before the type-check of the snippet files themselves.
import { fileURLToPath } from 'node:url';
import { checkSnippets } from './snippet-check.mjs';

const problems = checkSnippets(fileURLToPath(new URL('..', import.meta.url)));
for (const problem of problems) console.error(`check-snippets: ${problem}`);
console.log(`check-snippets: ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
