#!/usr/bin/env node
// Writes the SVG charts of one run: `npm run bench:charts -- <results dir | results.jsonl>
// [--out docs/public/bench]`. With no path it takes the newest run under bench/results/.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCharts, parseResults } from './charts.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const { values, positionals } = parseArgs({ allowPositionals: true, options: { out: { type: 'string', default: join(root, 'docs', 'public', 'bench') } } });

function newestRun() {
  const dir = join(root, 'bench', 'results');
  const runs = existsSync(dir) ? readdirSync(dir).filter((name) => existsSync(join(dir, name, 'results.jsonl'))) : [];
  if (runs.length === 0) throw new Error('bench:charts: no run under bench/results/; run `npm run bench` first or pass a results.jsonl');
  return join(dir, runs.sort().at(-1));
}

const input = resolve(positionals[0] ?? newestRun());
const file = statSync(input).isDirectory() ? join(input, 'results.jsonl') : input;
const charts = buildCharts(parseResults(readFileSync(file, 'utf8')));
mkdirSync(values.out, { recursive: true });
for (const [name, svg] of Object.entries(charts)) writeFileSync(join(values.out, name), `${svg}\n`);
process.stdout.write(`bench:charts: ${Object.keys(charts).length} charts from ${file} → ${values.out}: ${Object.keys(charts).join(', ')}\n`);
