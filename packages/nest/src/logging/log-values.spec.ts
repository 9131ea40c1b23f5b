import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_LOGGED_VALUE_LENGTH, quoteErrorMessage, quoteLogValue } from './log-values';

describe('quoteLogValue', () => {
  it('writes plain ids as they are', () => {
    for (const value of ['rca-42', 'acme', 'u1@acme.example', 'tenant:acme:rca:42', 'a/b+c_d.e']) expect(quoteLogValue(value)).toBe(value);
  });

  it('quotes and escapes values that could forge a line, a field or a terminal sequence', () => {
    expect(quoteLogValue('\nFORGED LOG [Realtime] Connected')).toBe('"\\nFORGED LOG [Realtime] Connected"');
    expect(quoteLogValue('\u001b[31mred')).toBe('"\\u001b[31mred"');
    expect(quoteLogValue('alice tenant=globex')).toBe('"alice tenant=globex"');
    expect(quoteLogValue('say "hi" \\ bye')).toBe('"say \\"hi\\" \\\\ bye"');
    expect(quoteLogValue('\u009b2J\u2028\u202eevil')).toBe('"\\u009b2J\\u2028\\u202eevil"');
    expect(quoteLogValue('')).toBe('""');
  });

  it('cuts long values and says how much was left out', () => {
    const quoted = quoteLogValue('x'.repeat(10_240));
    expect(quoted).toBe(`"${'x'.repeat(MAX_LOGGED_VALUE_LENGTH)}…(+${10_240 - MAX_LOGGED_VALUE_LENGTH} chars)"`);
  });

  it('writes non-strings by type, never by content', () => {
    expect(quoteLogValue(42)).toBe('42');
    expect(quoteLogValue(null)).toBe('null');
    expect(quoteLogValue({ toString: () => '\nforged' })).toBe('<object>');
    expect(quoteLogValue(['a'])).toBe('<array>');
    expect(quoteErrorMessage(new Error('bad\nline'))).toBe('"bad\\nline"');
  });

  it('never lets a line break, a control or an invisible character through, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (value) => {
        const quoted = quoteLogValue(value);
        expect(quoted).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/);
        if (quoted.startsWith('"')) expect(quoted.slice(1, -1)).not.toMatch(/(?<!\\)"/);
      }),
    );
  });
});
