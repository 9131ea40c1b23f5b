// Which charts a results file gives, built from its figure and pass lines. Pure: lines in, SVG
// strings out; render-charts.mjs does the reading and writing.
import { groupedBarChart, lineChart, ratioChart } from './svg.mjs';

/** Splits results.jsonl text into its kinds of lines. */
export function parseResults(text) {
  const lines = text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line));
  return {
    env: lines.find((line) => line.type === 'env'),
    run: lines.find((line) => line.type === 'run'),
    rows: lines.filter((line) => line.type === 'figure'),
    passes: lines.filter((line) => line.type === 'pass'),
    scenarios: lines.filter((line) => line.type === 'scenario'),
  };
}

/** The footer every chart carries: where and when its numbers were measured. */
export function environmentFooter(env, run) {
  if (!env) return ['environment unknown'];
  return [
    `${env.mode} run ${env.date.slice(0, 16).replace('T', ' ')} UTC · ${env.cpu}, ${env.nproc} CPUs · ${env.kernel} · Node ${env.node} · socket.io ${env.versions['socket.io']} · commit ${env.commit ?? '?'}${env.dirty ? ' (dirty)' : ''}`,
    `${run ? (run.valid ? 'run valid' : 'run INVALID (see summary.md)') : ''} · load at start ${env.loadAverageAtStart?.join('/') ?? '?'} · median of interleaved passes · bench/report/render-charts.mjs`,
  ];
}

const shorten = (text, max = 58) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function barsFrom(rows, prefix, clean = (figure) => figure.slice(prefix.length)) {
  return rows.filter((row) => row.figure.startsWith(prefix)).map((row) => ({ label: shorten(clean(row.figure), 40), values: { bare: row.bare, handwritten: row.handwritten, library: row.library } }));
}

/** `{ 'file.svg': svg }` for every chart the results have data for. */
export function buildCharts({ env, run, rows, passes }) {
  const footer = environmentFooter(env, run);
  const charts = {};
  const ratioRows = rows
    .filter((row) => row.target?.on === 'ratio' && typeof row.ratio === 'number')
    .map((row) => ({ label: shorten(`${row.scenario} ${row.figure}`), ratio: row.ratio, target: row.target.value, op: row.target.op === '<=' ? '≤' : row.target.op === '>=' ? '≥' : row.target.op, status: row.status }));
  if (ratioRows.length > 0) {
    charts['ratios.svg'] = ratioChart({ title: 'Library ÷ bare Socket.IO, same run', subtitle: 'Bar = median of the per-pass ratios; black mark = target; green pass, red fail, grey invalid', footer, rows: ratioRows });
  }
  const scenario = (id) => rows.filter((row) => row.scenario === id);
  const connect = barsFrom(scenario('B1'), 'connect rate, ', (figure) => figure.slice('connect rate, '.length).replace('JWT + rooms', 'JWT, rooms')).filter((group) => !group.label.startsWith('floor'));
  if (connect.length > 0) {
    charts['connect-rate.svg'] = groupedBarChart({ title: 'B1 — connect rate', subtitle: 'Handshakes completed per second, 100 in flight, server on one core', footer, unit: 'conn/s', groups: connect, series: ['bare', 'handwritten', 'library'] });
  }
  const memory = scenario('B2')
    .filter((row) => /^(heap|RSS) per idle connection \(slope/.test(row.figure))
    .map((row) => ({ label: row.figure.startsWith('heap') ? 'heap' : 'RSS', values: { bare: row.bare, handwritten: row.handwritten, library: row.library } }));
  if (memory.length > 0) {
    charts['memory.svg'] = groupedBarChart({ title: 'B2 — memory per idle connection', subtitle: '10 message handlers and 2 rooms per socket; after gc()', footer, unit: 'KB', groups: memory, series: ['bare', 'handwritten', 'library'] });
  }
  for (const [file, prefix, title, unit] of [
    ['fanout-p99.svg', 'fan-out completion p99, ', 'B3 — fan-out completion p99 (last recipient)', 'ms'],
    ['delivery-p50.svg', 'delivery p50, ', 'B3 — delivery p50 (each recipient)', 'ms'],
    ['cpu-per-recipient.svg', 'server CPU per recipient, ', 'B3 — server CPU per recipient', 'µs'],
  ]) {
    const groups = barsFrom(scenario('B3'), prefix).filter((group) => !group.label.startsWith('floor'));
    if (groups.length > 0) charts[file] = groupedBarChart({ title, subtitle: 'Broadcast to one tenant room of N clients', footer, unit, groups, series: ['bare', 'library'] });
  }
  const soak = passes.filter((pass) => pass.scenario === 'B10');
  if (soak.length > 0) {
    const series = {};
    for (const arm of ['bare', 'library']) series[arm] = soak.filter((pass) => pass.arm === arm).map((pass) => [pass.values.minute, pass.values.heapMB]);
    charts['soak-heap.svg'] = lineChart({ title: 'B10 — heap during the soak', subtitle: 'heapUsed after gc(), sampled every minute', footer, unit: 'MB', xLabel: 'minute', series });
  }
  return charts;
}
