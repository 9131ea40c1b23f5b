// The Markdown summary: the environment block, then one table per scenario with bare,
// hand-written and library values, the ratios, the target and the result of every figure.

const OPS = { '<=': '≤', '<': '<', '>=': '≥', '>': '>', '=': '=' };

/** A number for a table cell: thousands separated, 3 significant digits below 1000. */
export function formatNumber(value) {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 1000) return Math.round(value).toLocaleString('en-US');
  if (value === 0) return '0';
  return String(Number(value.toPrecision(3)));
}

/** `≤ 1.1×` for a ratio, `≥ 1,500 conn/s` for an absolute floor. */
export function formatTarget(target, unit) {
  if (!target) return '—';
  const subject = target.on === 'bare' ? 'bare ' : '';
  const shownUnit = target.on === 'ratio' ? '×' : target.unit || unit || '';
  const separator = shownUnit === '×' || shownUnit === '%' ? '' : ' ';
  return `${subject}${OPS[target.op] ?? target.op} ${formatNumber(target.value)}${shownUnit ? separator + shownUnit : ''}`;
}

function formatRatio(value) {
  return value === null || value === undefined ? '—' : `${formatNumber(value)}×`;
}

function formatResult(row) {
  const reasons = row.reasons?.length ? ` (${row.reasons.join('; ')})` : '';
  return `${row.status === 'PASS' ? 'PASS' : row.status === 'FAIL' ? '**FAIL**' : row.status === 'INVALID' ? '**INVALID**' : 'n/a'}${reasons}`;
}

function escapeCell(text) {
  return String(text).replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** One scenario's table. */
export function scenarioTable(rows) {
  const header = ['Figure', 'bare', 'hand-written', 'library', 'lib ÷ bare', 'lib ÷ hand', 'target', 'result', 'gen CPU', 'loss'];
  const lines = [`| ${header.join(' | ')} |`, `| ${header.map((_, index) => (index === 0 || index === 7 ? '---' : '---:')).join(' | ')} |`];
  for (const row of rows) {
    const cells = [
      `${row.figure}${row.unit ? ` (${row.unit})` : ''}`,
      formatNumber(row.bare),
      formatNumber(row.handwritten),
      formatNumber(row.library),
      formatRatio(row.ratio),
      formatRatio(row.ratioHand),
      formatTarget(row.target, row.unit),
      formatResult(row),
      row.generatorCpu === null || row.generatorCpu === undefined ? '—' : `${Math.round(row.generatorCpu * 100)}%`,
      formatNumber(row.loss),
    ];
    lines.push(`| ${cells.map(escapeCell).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** The environment block as a fenced list, printed at the top of every summary. */
export function environmentBlock(env) {
  const versions = Object.entries(env.versions)
    .filter(([, version]) => version)
    .map(([name, version]) => `${name} ${version}`)
    .join(', ');
  const lines = [
    `date: ${env.date}   mode: ${env.mode}   commit: ${env.commit ?? '?'}${env.dirty ? ' (dirty)' : ''}`,
    `machine: ${env.cpu}, ${env.nproc} CPUs, ${env.memoryGiB} GiB, ${env.kernel}`,
    `load average at start: ${env.loadAverageAtStart.join(' / ')}`,
    `node ${env.node}; ${versions}`,
    `parser: ${env.parser}; bufferutil ${env.bufferutil ? 'on' : 'off'}; utf-8-validate ${env.utf8Validate ? 'on' : 'off'}`,
    `pinning: ${env.pinning}; open files ${env.openFiles.soft}/${env.openFiles.hard}; ports ${env.portRange}`,
  ];
  if (env.profiling?.length) lines.push(`profilers on (${env.profiling.join(', ')}): figures are not comparable to unprofiled runs`);
  if (env.clockCheck) lines.push(`clock check: one-way p50 ${env.clockCheck.p50Ms} ms, p99 ${env.clockCheck.p99Ms} ms (${env.clockCheck.ok ? 'ok' : 'FAILED'})`);
  return ['```', ...lines, '```'].join('\n');
}

/** The whole summary: verdict, environment, then each scenario's title, notes and table. */
export function summaryMarkdown({ env, scenarios, verdict }) {
  const parts = [`# Tenantcast benchmarks — ${env.mode} run`, '', verdict.valid ? 'Run valid.' : `**Run invalid**: ${verdict.reasons.join('; ')}`, '', environmentBlock(env)];
  for (const scenario of scenarios) {
    parts.push('', `## ${scenario.id} — ${scenario.title}`, '');
    if (scenario.skipped) {
      parts.push(`Skipped: ${scenario.skipped}`);
      continue;
    }
    for (const note of scenario.notes ?? []) parts.push(`- ${note}`);
    if (scenario.notes?.length) parts.push('');
    parts.push(scenarioTable(scenario.rows));
  }
  return `${parts.join('\n')}\n`;
}
