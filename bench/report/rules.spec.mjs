import { describe, expect, it } from 'vitest';
import { burstProblems, evaluateTarget, figureStatus, GENERATOR_CPU_LIMIT, passProblems, runVerdict } from './rules.mjs';

describe('passProblems', () => {
  it('accepts a pass whose generator stayed within half a core and lost nothing', () => {
    expect(passProblems({ generatorCpu: GENERATOR_CPU_LIMIT, expected: 10, received: 10, failedHandshakes: 0 })).toEqual([]);
  });

  it('rejects a pass whose generator used more than half of its core', () => {
    expect(passProblems({ generatorCpu: 0.51 })).toEqual(['generator at 51% of its core (limit 50%)']);
  });

  it('rejects any loss, failed handshake, missing ack, cross-tenant delivery or unhandled rejection', () => {
    const problems = passProblems({ expected: 100, received: 99, failedHandshakes: 2, lostAcks: 1, crossTenant: 3, unhandledRejections: 1 });
    expect(problems).toHaveLength(5);
    expect(problems[0]).toBe('received 99 of 100 (loss 1)');
  });

  it('counts more deliveries than expected as a problem too (duplicates)', () => {
    expect(passProblems({ expected: 10, received: 11 })).toEqual(['received 11 of 10 (1 duplicates)']);
  });
});

describe('burstProblems', () => {
  it('accepts a generator that spends less per delivery than the server per recipient', () => {
    expect(burstProblems({ generatorMicrosPerDelivery: 8, serverMicrosPerRecipient: 12 })).toEqual([]);
  });

  it('rejects a generator that cannot keep up with a burst', () => {
    expect(burstProblems({ generatorMicrosPerDelivery: 12, serverMicrosPerRecipient: 12 })[0]).toMatch(/cannot keep up/);
  });

  it('has nothing to say without both figures', () => {
    expect(burstProblems({ generatorMicrosPerDelivery: 12 })).toEqual([]);
  });
});

describe('evaluateTarget', () => {
  it('checks the column the target names', () => {
    expect(evaluateTarget({ on: 'ratio', op: '<=', value: 1.1 }, { ratio: 1.1 })).toBe('PASS');
    expect(evaluateTarget({ on: 'ratio', op: '<=', value: 1.1 }, { ratio: 1.11 })).toBe('FAIL');
    expect(evaluateTarget({ on: 'library', op: '>=', value: 1500 }, { library: 1499, ratio: 2 })).toBe('FAIL');
    expect(evaluateTarget({ on: 'library', op: '=', value: 0 }, { library: 0 })).toBe('PASS');
  });

  it('is N/A without a target or without a number to check', () => {
    expect(evaluateTarget(undefined, { ratio: 1 })).toBe('N/A');
    expect(evaluateTarget({ on: 'ratio', op: '<=', value: 1 }, { ratio: null })).toBe('N/A');
  });
});

describe('figureStatus', () => {
  it('makes a figure INVALID when any pass behind it was, whatever the target says', () => {
    const status = figureStatus({ ratio: 1, target: { on: 'ratio', op: '<=', value: 2 }, problems: ['loss 1', 'loss 1'] });
    expect(status).toEqual({ status: 'INVALID', reasons: ['loss 1'] });
  });

  it('says why a figure whose library arm could not run is N/A', () => {
    expect(figureStatus({ unavailable: 'no adapter option', target: { on: 'ratio', op: '<=', value: 1 } })).toEqual({ status: 'N/A', reasons: ['no adapter option'] });
  });
});

describe('runVerdict', () => {
  it('is valid only when no figure is INVALID, and names each invalid one', () => {
    expect(runVerdict([{ status: 'FAIL' }, { status: 'PASS' }])).toEqual({ valid: true, reasons: [] });
    const verdict = runVerdict([{ scenario: 'B3', figure: 'delivery p50', status: 'INVALID', reasons: ['loss 2'] }]);
    expect(verdict.valid).toBe(false);
    expect(verdict.reasons).toEqual(['B3 delivery p50: loss 2']);
  });
});
