import { describe, expect, it } from 'vitest';
import { buildCharts, environmentFooter, parseResults } from './charts.mjs';
import { escapeXml, groupedBarChart, niceMax, ratioChart, wrap } from './svg.mjs';

const env = { type: 'env', mode: 'full', date: '2026-12-01T12:34:56.000Z', cpu: 'Xeon <test>', nproc: 2, kernel: 'Linux 6.1', node: 'v20.20.2', versions: { 'socket.io': '4.8.4' }, commit: 'abc1234', dirty: false, loadAverageAtStart: [0.1, 0.1, 0.1] };
const figure = (scenario, name, values) => ({ type: 'figure', scenario, figure: name, unit: 'x', bare: 1, handwritten: null, library: 2, ratio: 2, status: 'FAIL', target: { on: 'ratio', op: '<=', value: 1.1 }, ...values });

const jsonl = [
  env,
  { type: 'run', valid: true },
  figure('B1', 'connect rate, JWT + rooms + memory presence', { bare: 2000, library: 1500, ratio: 0.75, target: { on: 'ratio', op: '>=', value: 0.85 } }),
  figure('B1', 'connect rate floor, memory presence', { target: { on: 'library', op: '>=', value: 1500 } }),
  figure('B2', 'heap per idle connection (slope 1000→10000)', { bare: 11, handwritten: 50, library: 55 }),
  figure('B3', 'fan-out completion p99, 1000 × 100 B', { bare: 20, library: 21, ratio: 1.05, status: 'PASS' }),
  { type: 'pass', scenario: 'B10', arm: 'bare', values: { minute: 1, heapMB: 10 } },
  { type: 'pass', scenario: 'B10', arm: 'library', values: { minute: 1, heapMB: 20 } },
]
  .map((line) => JSON.stringify(line))
  .join('\n');

describe('svg primitives', () => {
  it('escapes text so labels cannot break the markup', () => {
    expect(escapeXml('a < b & "c"')).toBe('a &lt; b &amp; &quot;c&quot;');
  });

  it('rounds the axis up to 1, 2, 2.5 or 5 × 10^k', () => {
    expect(niceMax(0.8)).toBe(1);
    expect(niceMax(1.7)).toBe(2);
    expect(niceMax(2.2)).toBe(2.5);
    expect(niceMax(3100)).toBe(5000);
    expect(niceMax(0)).toBe(1);
  });

  it('wraps long labels at spaces', () => {
    expect(wrap('JWT, rooms + memory presence', 14)).toEqual(['JWT, rooms +', 'memory', 'presence']);
    expect(wrap('short', 14)).toEqual(['short']);
  });

  it('draws one bar per available value and marks a missing one with a dash', () => {
    const svg = groupedBarChart({ title: 'T', unit: 'ms', series: ['bare', 'library'], groups: [{ label: 'g', values: { bare: 2, library: null } }], footer: ['env'] });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/<rect x=/g)).toHaveLength(1 + 2);
    expect(svg).toContain('>—</text>');
    expect(svg).toContain('>env</text>');
  });

  it('draws the target of each ratio and colours the bar by its result', () => {
    const svg = ratioChart({ title: 'R', rows: [{ label: 'x', ratio: 1.2, target: 1.1, op: '≤', status: 'FAIL' }] });
    expect(svg).toContain('fill="#dc2626"');
    expect(svg).toContain('1.2× ≤ 1.1 FAIL');
  });
});

describe('buildCharts', () => {
  it('makes the charts the results have data for, each labelled with the run\'s environment', () => {
    const charts = buildCharts(parseResults(jsonl));
    expect(Object.keys(charts).sort()).toEqual(['connect-rate.svg', 'fanout-p99.svg', 'memory.svg', 'ratios.svg', 'soak-heap.svg']);
    for (const svg of Object.values(charts)) expect(svg).toContain('Xeon &lt;test&gt;, 2 CPUs');
    expect(charts['ratios.svg']).toContain('B1 connect rate, JWT + rooms + memory presence');
    expect(charts['ratios.svg']).not.toContain('floor');
  });

  it('says so in the footer when the environment is missing or the run was invalid', () => {
    expect(environmentFooter(undefined)).toEqual(['environment unknown']);
    expect(environmentFooter(env, { valid: false })[1]).toContain('run INVALID');
  });
});
