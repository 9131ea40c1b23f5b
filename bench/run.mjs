#!/usr/bin/env node
// `npm run bench` (quick, N = 1k, ≤ 5 min) and `npm run bench -- --full` (N = 1k/5k/10k + soak).
// Runs scenarios B1–B9 (B10 in full mode), each side by side with bare Socket.IO in one
// interleaved schedule, and writes bench/results/<run>/: results.jsonl (environment, every pass
// with its raw histograms, every figure), summary.md and histograms.hlog. See bench/README.md.
//
// Options: --full · --only B1,B3 · --clients N (rescale every N, for harness checks)
//          --passes N · --soak-minutes M · --out DIR
//          --profile cpu|heap|cpu,heap (server processes write .cpuprofile / .heapprofile into <run>/profiles/)
import { mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { collectEnvironment } from './lib/environment.mjs';
import { Scope } from './lib/harness.mjs';
import { histogramLog } from './lib/histogram.mjs';
import { killAll, runningChildren } from './lib/processes.mjs';
import { startRedis } from './lib/redis-server.mjs';
import { NAMESPACE } from './arms/shared.mjs';
import { environmentBlock, scenarioTable, summaryMarkdown } from './report/markdown.mjs';
import { runVerdict } from './report/rules.mjs';
import { clockCheck } from './scenarios/clock-check.mjs';
import { modeParams } from './scenarios/params.mjs';
import { SCENARIOS } from './scenarios/index.mjs';

const { values: options } = parseArgs({
  options: {
    full: { type: 'boolean', default: false },
    only: { type: 'string' },
    clients: { type: 'string' },
    passes: { type: 'string' },
    'soak-minutes': { type: 'string' },
    out: { type: 'string' },
    profile: { type: 'string' },
  },
});

const mode = options.full ? 'full' : 'quick';
const params = modeParams({ full: options.full, clients: options.clients ? Number(options.clients) : undefined, soakMinutes: options['soak-minutes'] ? Number(options['soak-minutes']) : undefined });
if (options.passes) params.passes = Number(options.passes);
const only = options.only ? new Set(options.only.split(',').map((id) => id.trim().toUpperCase())) : undefined;
const selected = SCENARIOS.filter((scenario) => (only ? only.has(scenario.id.toUpperCase()) : scenario.id !== 'B10' || params.b10));
if (only && selected.length === 0) throw new Error(`bench: --only ${options.only} names no scenario (known: ${SCENARIOS.map((scenario) => scenario.id).join(', ')})`);

const runId = `${new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19)}-${mode}`;
const resultsDir = options.out ?? join(fileURLToPath(new URL('.', import.meta.url)), 'results', runId);
const logsDir = join(resultsDir, 'logs');
mkdirSync(logsDir, { recursive: true });
const jsonl = join(resultsDir, 'results.jsonl');
const write = (line) => appendFileSync(jsonl, `${JSON.stringify(line)}\n`);
const say = (text) => process.stderr.write(`${text}\n`);

const profiles = new Set((options.profile ?? '').split(',').filter(Boolean));
for (const kind of profiles) if (kind !== 'cpu' && kind !== 'heap') throw new Error(`bench: --profile takes cpu, heap or cpu,heap, not '${kind}'`);

let redis;
const run = {
  runId,
  logFile: (label) => join(logsDir, `${label}.log`),
  /** Node flags for a server process: the profilers asked for with --profile, one directory per process. */
  serverFlags(label) {
    if (profiles.size === 0) return [];
    const dir = join(resultsDir, 'profiles', label);
    mkdirSync(dir, { recursive: true });
    return [...(profiles.has('cpu') ? ['--cpu-prof', `--cpu-prof-dir=${dir}`] : []), ...(profiles.has('heap') ? ['--heap-prof', `--heap-prof-dir=${dir}`] : [])];
  },
  async redis() {
    redis ??= await startRedis({ log: join(logsDir, 'redis.log') });
    return redis;
  },
};

const started = Date.now();
const histograms = [];
const scenarios = [];
let harnessError = false;

try {
  const env = collectEnvironment({ mode, argv: process.argv.slice(2) });
  env.profiling = [...profiles];
  say(`bench: ${mode} run ${runId}; results in ${resultsDir}`);
  const clockScope = new Scope(run, 'clock');
  try {
    env.clockCheck = await clockCheck(clockScope, NAMESPACE);
  } finally {
    await clockScope.close();
  }
  say(`bench: clock check p50 ${env.clockCheck.p50Ms} ms (${env.clockCheck.ok ? 'ok' : 'FAILED'})`);
  const { histogram: clockHistogram, ...clockSummary } = env.clockCheck;
  env.clockCheck = clockSummary;
  histograms.push({ tag: 'clock-check.delivery', encoded: clockHistogram, startSec: 0, endSec: 0 });

  for (const scenario of selected) {
    const scope = new Scope(run, scenario.id);
    const scenarioStarted = Date.now();
    say(`bench: ${scenario.id} ${scenario.title} …`);
    const ctx = {
      id: scenario.id,
      params,
      mode,
      scope,
      namespace: NAMESPACE,
      run,
      /** Added to the problems of every figure built on one-way latency when the clock check failed. */
      clockProblems: env.clockCheck.ok ? [] : [`clock check failed (one-way p50 ${env.clockCheck.p50Ms} ms)`],
      log: (text) => say(`  ${scenario.id}: ${text}`),
      /** Records one pass (JSON line + its histograms) and returns it for the figures. */
      pass({ arm, step, values, histograms: passHistograms = {}, generatorCpu = null, problems = [], loss = null, extra }) {
        const line = { type: 'pass', scenario: scenario.id, arm, round: step?.round ?? 0, warmup: step?.warmup ?? false, values, generatorCpu, loss, problems, histograms: passHistograms, ...extra };
        write(line);
        const at = (Date.now() - started) / 1000;
        for (const [name, encoded] of Object.entries(passHistograms)) {
          if (encoded) histograms.push({ tag: `${scenario.id}.${arm}.${step?.warmup ? 'warmup' : `r${step?.round ?? 0}`}.${name}`, encoded, startSec: at, endSec: at });
        }
        if (!step?.warmup) say(`  ${scenario.id} ${arm} round ${step?.round ?? 0}: ${Object.entries(values).map(([k, v]) => `${k}=${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`).join(' ')}${problems.length ? ` INVALID: ${problems.join('; ')}` : ''}`);
        return { values, generatorCpu, loss, problems };
      },
    };
    let outcome;
    try {
      outcome = await scenario.run(ctx);
    } catch (error) {
      harnessError = true;
      say(`bench: ${scenario.id} failed: ${error.stack ?? error}`);
      outcome = { rows: [], skipped: `harness error: ${error.message.split('\n')[0]}` };
    } finally {
      await scope.close();
      if (redis) await redis.admin.flushall().catch(() => undefined);
    }
    const entry = { id: scenario.id, title: scenario.title, seconds: Math.round((Date.now() - scenarioStarted) / 1000), ...outcome };
    for (const row of entry.rows) write(row);
    write({ type: 'scenario', id: entry.id, title: entry.title, seconds: entry.seconds, notes: entry.notes ?? [], skipped: entry.skipped ?? null });
    scenarios.push(entry);
    say(`bench: ${scenario.id} done in ${entry.seconds} s`);
  }

  env.versions.redis = redis?.version ?? null;
  const rows = scenarios.flatMap((scenario) => scenario.rows);
  const verdict = runVerdict(rows);
  if (harnessError) verdict.reasons.push('a scenario failed with a harness error');
  verdict.valid = verdict.valid && !harnessError;
  const seconds = Math.round((Date.now() - started) / 1000);
  write({ type: 'env', ...env });
  write({ type: 'run', runId, mode, seconds, valid: verdict.valid, reasons: verdict.reasons });
  const summary = summaryMarkdown({ env, scenarios, verdict });
  writeFileSync(join(resultsDir, 'summary.md'), summary);
  writeFileSync(join(resultsDir, 'histograms.hlog'), histogramLog(histograms, started));

  process.stdout.write(`\n${environmentBlock(env)}\n`);
  for (const scenario of scenarios) {
    process.stdout.write(`\n## ${scenario.id} — ${scenario.title} (${scenario.seconds} s)\n`);
    process.stdout.write(scenario.skipped ? `Skipped: ${scenario.skipped}\n` : `${scenarioTable(scenario.rows)}\n`);
  }
  process.stdout.write(`\n${verdict.valid ? 'Run valid' : `RUN INVALID: ${verdict.reasons.join('; ')}`} — ${seconds} s. Results: ${resultsDir}\n`);
  process.exitCode = harnessError ? 1 : verdict.valid ? 0 : 2;
} catch (error) {
  say(`bench: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await redis?.stop().catch(() => undefined);
  if (runningChildren() > 0) killAll();
}
