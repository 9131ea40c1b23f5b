import { describe, expect, it } from 'vitest';
import { END_MARKER, replaceResults, resultsSection, START_MARKER } from './docs-section.mjs';

const env = {
  date: '2026-12-01T12:00:00.000Z',
  mode: 'full',
  commit: 'abc1234',
  dirty: false,
  cpu: 'Xeon',
  nproc: 2,
  memoryGiB: 24,
  kernel: 'Linux',
  loadAverageAtStart: [0, 0, 0],
  node: 'v20',
  versions: { 'socket.io': '4.8.4' },
  parser: 'p',
  bufferutil: false,
  utf8Validate: false,
  pinning: 'taskset',
  openFiles: { soft: 1, hard: 1 },
  portRange: '1-2',
};
const row = (scenario, figure, on) => ({ scenario, figure, unit: '', bare: 1, handwritten: null, library: 1, ratio: 1, ratioHand: null, target: { on, op: '<=', value: 1 }, status: 'PASS', reasons: [], generatorCpu: null, loss: null });

describe('resultsSection', () => {
  it('states the run, prints the environment, the ratio figures by scenario, the charts and every scenario\'s table', () => {
    const section = resultsSection(
      {
        env,
        run: { valid: true },
        rows: [row('B1', 'connect rate', 'ratio'), row('B1', 'verify', 'library')],
        scenarios: [{ id: 'B1', title: 'Connect handshake', notes: ['1k clients'] }, { id: 'B10', title: 'Soak', skipped: 'full mode only' }],
      },
      ['ratios.svg'],
    );
    expect(section).toContain('Measured 2026-12-01 in **full** mode (commit `abc1234`); the run is valid.');
    expect(section).toContain('machine: Xeon, 2 CPUs');
    expect(section).toContain('| B1 · connect rate |');
    expect(section.split('### Every figure')[0]).not.toContain('verify');
    expect(section).toContain('![ratios](/bench/ratios.svg)');
    expect(section).toContain('<details><summary>B1 — Connect handshake</summary>');
    expect(section).toContain('Skipped: full mode only');
  });

  it('says when the run was invalid and why', () => {
    expect(resultsSection({ env, run: { valid: false, reasons: ['B3 x: loss 1'] }, rows: [], scenarios: [] }, [])).toContain('the run is **invalid**: B3 x: loss 1');
  });
});

describe('replaceResults', () => {
  it('replaces only what stands between the markers', () => {
    const page = `# Title\n\n${START_MARKER}\nold\n${END_MARKER}\n\n## After\n`;
    expect(replaceResults(page, 'new')).toBe(`# Title\n\n${START_MARKER}\n\nnew\n\n${END_MARKER}\n\n## After\n`);
  });

  it('refuses a page without the markers', () => {
    expect(() => replaceResults('# Title', 'new')).toThrow(/needs/);
  });
});
