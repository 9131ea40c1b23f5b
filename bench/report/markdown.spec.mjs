import { describe, expect, it } from 'vitest';
import { environmentBlock, formatNumber, formatTarget, scenarioTable, summaryMarkdown } from './markdown.mjs';

const env = {
  date: '2026-12-01T12:00:00.000Z',
  mode: 'quick',
  commit: 'abc1234',
  dirty: false,
  cpu: 'Intel(R) Xeon(R)',
  nproc: 2,
  memoryGiB: 24,
  kernel: 'Linux 6.1',
  loadAverageAtStart: [0.1, 0.2, 0.3],
  node: 'v20.20.2',
  versions: { 'socket.io': '4.8.4', redis: null },
  parser: 'socket.io-parser 4.2.7',
  bufferutil: false,
  utf8Validate: false,
  pinning: 'taskset',
  openFiles: { soft: 20000, hard: 20000 },
  portRange: '32768-60999',
  clockCheck: { p50Ms: 0.3, p99Ms: 2, ok: true },
};

const row = {
  scenario: 'B1',
  figure: 'connect rate',
  unit: 'conn/s',
  bare: 2500,
  handwritten: null,
  library: 2100,
  ratio: 0.84,
  ratioHand: null,
  target: { on: 'ratio', op: '>=', value: 0.85 },
  status: 'FAIL',
  reasons: [],
  generatorCpu: 0.42,
  loss: null,
};

describe('formatNumber', () => {
  it('separates thousands, keeps three significant digits below and shows missing values as a dash', () => {
    expect(formatNumber(12_345.6)).toBe('12,346');
    expect(formatNumber(0.012345)).toBe('0.0123');
    expect(formatNumber(null)).toBe('—');
  });
});

describe('formatTarget', () => {
  it('writes ratio targets with × and absolute floors with their unit', () => {
    expect(formatTarget({ on: 'ratio', op: '>=', value: 0.85 })).toBe('≥ 0.85×');
    expect(formatTarget({ on: 'library', op: '>=', value: 1500, unit: 'conn/s' })).toBe('≥ 1,500 conn/s');
    expect(formatTarget({ on: 'library', op: '<=', value: 5, unit: '%' })).toBe('≤ 5%');
  });
});

describe('scenarioTable', () => {
  it('has one row per figure with bare, hand-written, library, ratios, target, result, generator CPU and loss', () => {
    const lines = scenarioTable([row]).split('\n');
    expect(lines[0]).toBe('| Figure | bare | hand-written | library | lib ÷ bare | lib ÷ hand | target | result | gen CPU | loss |');
    expect(lines[2]).toBe('| connect rate (conn/s) | 2,500 | — | 2,100 | 0.84× | — | ≥ 0.85× | **FAIL** | 42% | — |');
  });

  it('shows why a figure is invalid and escapes pipes', () => {
    const table = scenarioTable([{ ...row, figure: 'a | b', status: 'INVALID', reasons: ['generator at 61% of its core (limit 50%)'] }]);
    expect(table).toContain('a \\| b');
    expect(table).toContain('**INVALID** (generator at 61% of its core (limit 50%))');
  });
});

describe('environmentBlock and summaryMarkdown', () => {
  it('prints the machine, versions, pinning and the clock check', () => {
    const block = environmentBlock(env);
    expect(block).toContain('machine: Intel(R) Xeon(R), 2 CPUs, 24 GiB, Linux 6.1');
    expect(block).toContain('socket.io 4.8.4');
    expect(block).not.toContain('redis null');
    expect(block).toContain('clock check: one-way p50 0.3 ms, p99 2 ms (ok)');
  });

  it('starts with the verdict and has a section per scenario, skipped ones with their reason', () => {
    const text = summaryMarkdown({
      env,
      verdict: { valid: false, reasons: ['B1 connect rate: loss 1'] },
      scenarios: [
        { id: 'B1', title: 'Connect handshake', rows: [row], notes: ['1000 clients'] },
        { id: 'B10', title: 'Soak', rows: [], skipped: 'full mode only' },
      ],
    });
    expect(text).toContain('**Run invalid**: B1 connect rate: loss 1');
    expect(text).toContain('## B1 — Connect handshake');
    expect(text).toContain('- 1000 clients');
    expect(text).toContain('## B10 — Soak\n\nSkipped: full mode only');
  });
});
