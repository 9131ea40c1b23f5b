// The results part of docs/guide/benchmarks.md, written from a run: the machine, the verdict, the
// ratio figures, the charts, and every scenario's full table. It replaces whatever stands between
// the two markers, so the page's prose stays hand-written.
import { environmentBlock, scenarioTable } from './markdown.mjs';

export const START_MARKER = '<!-- bench:results:start -->';
export const END_MARKER = '<!-- bench:results:end -->';

/** Markdown of the results of one run; `charts` are the chart file names, served from /bench/. */
export function resultsSection({ env, run, rows, scenarios }, charts) {
  const parts = [
    `Measured ${env.date.slice(0, 10)} in **${env.mode}** mode (commit \`${env.commit ?? '?'}\`${env.dirty ? ', uncommitted changes' : ''}); ${run?.valid ? 'the run is valid' : `the run is **invalid**: ${run?.reasons?.join('; ') ?? 'unknown'}`}.`,
    '',
    environmentBlock(env),
    '',
    '### Ratios to bare Socket.IO',
    '',
    scenarioTable(rows.filter((row) => row.target?.on === 'ratio').map((row) => ({ ...row, figure: `${row.scenario} · ${row.figure}` }))),
  ];
  if (charts.length > 0) {
    parts.push('', '### Charts', '');
    for (const chart of charts) parts.push(`![${chart.replace(/\.svg$/, '')}](/bench/${chart})`, '');
  }
  parts.push('### Every figure', '');
  for (const scenario of scenarios) {
    const scenarioRows = rows.filter((row) => row.scenario === scenario.id);
    parts.push(`<details><summary>${scenario.id} — ${scenario.title}</summary>`, '');
    if (scenario.skipped) parts.push(`Skipped: ${scenario.skipped}`);
    for (const note of scenario.notes ?? []) parts.push(`- ${note}`);
    if (scenarioRows.length > 0) parts.push('', scenarioTable(scenarioRows));
    parts.push('', '</details>', '');
  }
  return parts.join('\n').trimEnd();
}

/** `text` with the part between the markers replaced by `section`; throws when the markers are missing. */
export function replaceResults(text, section) {
  const start = text.indexOf(START_MARKER);
  const end = text.indexOf(END_MARKER);
  if (start === -1 || end === -1 || end < start) throw new Error(`the page needs ${START_MARKER} and ${END_MARKER} around its results`);
  return `${text.slice(0, start + START_MARKER.length)}\n\n${section}\n\n${text.slice(end)}`;
}
