#!/usr/bin/env node
// Writes the SVG charts of one run: `npm run bench:charts -- <results dir | results.jsonl>
// [--out docs/public/bench] [--docs docs/guide/benchmarks.md]`. With no path it takes the newest
// run under bench/results/. With --docs it also rewrites the results part of that page.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCharts, parseResults } from './charts.mjs';
import { replaceResults, resultsSection } from './docs-section.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string', default: join(root, 'docs', 'public', 'bench') }, docs: { type: 'string' } },
});

function newestRun() {
  const dir = join(root, 'bench', 'results');
  const runs = existsSync(dir) ? readdirSync(dir).filter((name) => existsSync(join(dir, name, 'results.jsonl'))) : [];
  if (runs.length === 0) throw new Error('bench:charts: no run under bench/results/; run `npm run bench` first or pass a results.jsonl');
  return join(dir, runs.sort().at(-1));
}

const input = resolve(positionals[0] ?? newestRun());
const file = statSync(input).isDirectory() ? join(input, 'results.jsonl') : input;
const results = parseResults(readFileSync(file, 'utf8'));
const charts = buildCharts(results);
mkdirSync(values.out, { recursive: true });
for (const [name, svg] of Object.entries(charts)) writeFileSync(join(values.out, name), `${svg}\n`);
process.stdout.write(`bench:charts: ${Object.keys(charts).length} charts from ${file} → ${values.out}: ${Object.keys(charts).join(', ')}\n`);
if (values.docs) {
  const page = resolve(values.docs);
  writeFileSync(page, replaceResults(readFileSync(page, 'utf8'), resultsSection(results, Object.keys(charts))));
  process.stdout.write(`bench:charts: results of ${file} written into ${page}\n`);
}
