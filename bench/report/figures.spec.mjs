import { describe, expect, it } from 'vitest';
import { armFigure, target, valueFigure } from './figures.mjs';

const pass = (value, extra = {}) => ({ values: { v: value }, problems: [], generatorCpu: 0.2, loss: 0, ...extra });

describe('armFigure', () => {
  it('reports the median of each arm and the median of the paired per-pass ratios', () => {
    const row = armFigure({
      scenario: 'B1',
      figure: 'connect rate',
      unit: 'conn/s',
      passes: { bare: [pass(100), pass(200), pass(300)], handwritten: [pass(90), pass(90), pass(90)], library: [pass(80), pass(190), pass(240)] },
      metric: (values) => values.v,
      target: target('ratio', '>=', 0.85),
    });
    expect(row).toMatchObject({ bare: 200, handwritten: 90, library: 190, ratio: 0.8, status: 'FAIL', generatorCpu: 0.2, loss: 0 });
    expect(row.ratioHand).toBeCloseTo(2.11, 2);
  });

  it('is INVALID when one pass of any arm was, with that pass\'s reasons', () => {
    const row = armFigure({
      scenario: 'B3',
      figure: 'delivery p50',
      unit: 'ms',
      passes: { bare: [pass(1, { problems: ['received 9 of 10 (loss 1)'], loss: 1 })], library: [pass(1)] },
      metric: (values) => values.v,
      target: target('ratio', '<=', 1.1),
    });
    expect(row.status).toBe('INVALID');
    expect(row.reasons).toEqual(['received 9 of 10 (loss 1)']);
    expect(row.loss).toBe(1);
  });

  it('is N/A with the reason when the library arm did not run', () => {
    const row = armFigure({ scenario: 'B7a', figure: 'x', unit: 'ms', passes: { bare: [pass(1)] }, metric: (values) => values.v, target: target('ratio', '<=', 1), unavailable: 'no adapter option yet' });
    expect(row).toMatchObject({ bare: 1, library: null, status: 'N/A', reasons: ['no adapter option yet'] });
  });

  it('keeps the generator\'s highest CPU share among the passes', () => {
    const row = armFigure({ scenario: 'B1', figure: 'x', unit: '', passes: { bare: [pass(1, { generatorCpu: 0.3 })], library: [pass(1, { generatorCpu: 0.45 })] }, metric: (values) => values.v });
    expect(row.generatorCpu).toBe(0.45);
  });
});

describe('valueFigure', () => {
  it('checks a single library value against an absolute floor', () => {
    expect(valueFigure({ scenario: 'B1', figure: 'verify', unit: 'µs', library: 12.3, target: target('library', '<=', 10) }).status).toBe('FAIL');
    expect(valueFigure({ scenario: 'B1', figure: 'verify', unit: 'µs', library: 7, target: target('library', '<=', 10) }).status).toBe('PASS');
  });

  it('derives the ratio from bare and library unless one is given', () => {
    expect(valueFigure({ scenario: 'B2', figure: 'x', unit: '', bare: 2, library: 3 }).ratio).toBe(1.5);
    expect(valueFigure({ scenario: 'B2', figure: 'x', unit: '', bare: 2, library: 3, ratio: null }).ratio).toBeNull();
  });
});
