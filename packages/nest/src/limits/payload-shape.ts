/** Why a payload cannot be sent or accepted, with where the problem is. */
export interface PayloadShapeProblem {
  /**
   * `depth` (nested deeper than allowed), `cycle` (refers to itself), `type` (a BigInt, which JSON
   * cannot encode) or `key` (a `__proto__` key, which merges into prototypes in careless code).
   */
  kind: 'depth' | 'cycle' | 'type' | 'key';
  /** Path from the top to the offending value. */
  path: Array<string | number>;
}

/** The outcome of {@link measurePayload}. */
export type PayloadMeasure = { ok: true; bytes: number } | { ok: false; problem: PayloadShapeProblem };

interface Pending {
  value: unknown;
  depth: number;
  path: Array<string | number>;
  /** The containers from the top down to this value, to tell a cycle from a shared reference. */
  ancestors: ReadonlySet<object>;
}

/**
 * Walks a payload without recursion (so no input can overflow the stack, unlike socket.io-parser's
 * recursive `hasBinary`) and either refuses it or returns a lower bound of its JSON size in bytes:
 * the UTF-8 length of every string and key plus the punctuation, without escapes. Binary leaves
 * (Buffers, typed arrays, ArrayBuffers) count their byte length, as Socket.IO sends them as
 * attachments.
 *
 * Refused: nesting deeper than `maxDepth` (the top value is depth 0), a value that contains
 * itself, BigInts, and `__proto__` keys (JSON.parse makes them own properties, which a later
 * `Object.assign` or merge turns into prototype pollution). Everything else JSON drops or stringifies on its own (functions,
 * `undefined`, symbols) is left to the encoder, which never throws on them; an object's `toJSON()`
 * result is measured in its place, as that is what the encoder sends.
 */
export function measurePayload(payload: unknown, maxDepth: number): PayloadMeasure {
  let bytes = 0;
  const stack: Pending[] = [{ value: payload, depth: 0, path: [], ancestors: new Set() }];
  while (stack.length > 0) {
    const pending = stack.pop()!;
    const { depth, path, ancestors } = pending;
    let { value } = pending;
    if (isBinary(value)) {
      bytes += value.byteLength;
      continue;
    }
    // What the encoder sends is the toJSON() result (and socket.io-parser walks it too).
    if (typeof value === 'object' && value !== null && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
      try {
        value = (value as { toJSON(): unknown }).toJSON();
      } catch {
        return { ok: false, problem: { kind: 'type', path } };
      }
    }
    switch (typeof value) {
      case 'string':
        bytes += Buffer.byteLength(value) + 2;
        continue;
      case 'number':
        bytes += Number.isFinite(value) ? String(value).length : 4;
        continue;
      case 'boolean':
        bytes += String(value).length;
        continue;
      case 'bigint':
        return { ok: false, problem: { kind: 'type', path } };
      case 'object':
        break;
      default:
        continue;
    }
    if (value === null) {
      bytes += 4;
      continue;
    }
    if (isBinary(value)) {
      bytes += value.byteLength;
      continue;
    }
    if (ancestors.has(value)) return { ok: false, problem: { kind: 'cycle', path } };
    if (depth >= maxDepth) return { ok: false, problem: { kind: 'depth', path } };
    const inner = new Set(ancestors).add(value);
    const entries: Array<[string | number, unknown]> = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.entries(value).filter(([, item]) => item !== undefined && typeof item !== 'function' && typeof item !== 'symbol');
    // Brackets, and a comma between items.
    bytes += 2 + Math.max(0, entries.length - 1);
    for (const [key, item] of entries) {
      if (key === '__proto__') return { ok: false, problem: { kind: 'key', path: [...path, key] } };
      // `"key":` for object members.
      if (typeof key === 'string') bytes += Buffer.byteLength(key) + 3;
      stack.push({ value: item, depth: depth + 1, path: [...path, key], ancestors: inner });
    }
  }
  return { ok: true, bytes };
}

function isBinary(value: unknown): value is ArrayBufferView | ArrayBuffer {
  return ArrayBuffer.isView(value) || value instanceof ArrayBuffer;
}

/** A sentence for a {@link PayloadShapeProblem}, naming the limit that was hit. */
export function describePayloadProblem(problem: PayloadShapeProblem, maxDepth: number): string {
  const where = problem.path.length === 0 ? 'the payload' : `payload.${problem.path.join('.')}`;
  switch (problem.kind) {
    case 'depth':
      return `${where} is nested deeper than ${maxDepth} levels (limits.maxPayloadDepth)`;
    case 'cycle':
      return `${where} refers to one of its own parents, which cannot be encoded`;
    case 'type':
      return `${where} is a BigInt, which JSON cannot encode; send it as a string`;
    case 'key':
      return `${where} is a reserved key`;
  }
}
