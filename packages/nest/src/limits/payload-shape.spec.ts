import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describePayloadProblem, measurePayload } from './payload-shape';

function nested(depth: number): unknown {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level += 1) value = [value];
  return value;
}

describe('measurePayload', () => {
  it('accepts ordinary payloads and bounds their JSON size from below', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        const measure = measurePayload(value, 32);
        expect(measure.ok).toBe(true);
        if (measure.ok) expect(measure.bytes).toBeLessThanOrEqual(Buffer.byteLength(JSON.stringify(value) ?? ''));
      }),
    );
  });

  it('refuses nesting deeper than the limit without recursing, even 45,000 levels deep', () => {
    expect(measurePayload(nested(32), 32)).toMatchObject({ ok: true });
    expect(measurePayload(nested(33), 32)).toMatchObject({ ok: false, problem: { kind: 'depth' } });
    const deep = measurePayload(nested(45_000), 32);
    expect(deep).toMatchObject({ ok: false, problem: { kind: 'depth', path: Array(32).fill(0) } });
  });

  it('refuses cycles and BigInts, and tells a shared reference from a cycle', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(measurePayload(cyclic, 32)).toEqual({ ok: false, problem: { kind: 'cycle', path: ['self', 'back'] } });
    expect(measurePayload({ n: 1n }, 32)).toEqual({ ok: false, problem: { kind: 'type', path: ['n'] } });
    expect(measurePayload(JSON.parse('{"a":{"__proto__":{"admin":true}}}'), 32)).toEqual({ ok: false, problem: { kind: 'key', path: ['a', '__proto__'] } });
    const shared = { x: 1 };
    expect(measurePayload({ a: shared, b: shared }, 32)).toMatchObject({ ok: true });
  });

  it('counts binary leaves by their byte length', () => {
    expect(measurePayload({ file: Buffer.alloc(1_000) }, 32)).toMatchObject({ ok: true, bytes: expect.any(Number) });
    const measure = measurePayload({ file: Buffer.alloc(1_000) }, 32);
    expect(measure.ok && measure.bytes).toBeGreaterThanOrEqual(1_000);
  });

  it('names the limit in its description', () => {
    expect(describePayloadProblem({ kind: 'depth', path: ['a', 0] }, 32)).toBe('payload.a.0 is nested deeper than 32 levels (limits.maxPayloadDepth)');
  });
});
