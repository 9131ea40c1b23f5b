/** Longest part of a client-supplied value written to a log line; the rest is counted, not written. */
export const MAX_LOGGED_VALUE_LENGTH = 200;

/** Values made only of these characters are written as they are: they cannot forge a field or a line. */
const PLAIN = /^[A-Za-z0-9_.:@/+-]+$/;

/**
 * Characters that must never reach a log line raw: C0 and C1 controls (newlines, terminal
 * escapes such as ESC and CSI), line and paragraph separators, and the invisible or
 * direction-changing characters that make a line read differently from what it contains.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff"\\]/g;

/**
 * Formats a value that came from a client (an id, a room kind, a token's claim, an error message
 * that may quote them) for a log line, so it can never forge a line or a `key=value` field:
 * plain values are written as they are, everything else in double quotes with `"`, `\` and every
 * control or invisible character escaped (`\n`, `\u001b`), and cut at
 * {@link MAX_LOGGED_VALUE_LENGTH} characters. Non-strings are written by type only.
 *
 * @example quoteLogValue('rca-42') // rca-42
 * @example quoteLogValue('\nFORGED LOG') // "\nFORGED LOG"
 */
export function quoteLogValue(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null || value === undefined) return String(value);
  if (typeof value !== 'string') return `<${Array.isArray(value) ? 'array' : typeof value}>`;
  if (value.length > 0 && value.length <= MAX_LOGGED_VALUE_LENGTH && PLAIN.test(value)) return value;
  const kept = value.length > MAX_LOGGED_VALUE_LENGTH ? value.slice(0, MAX_LOGGED_VALUE_LENGTH) : value;
  const more = value.length > MAX_LOGGED_VALUE_LENGTH ? `…(+${value.length - MAX_LOGGED_VALUE_LENGTH} chars)` : '';
  return `"${kept.replace(UNSAFE, escape)}${more}"`;
}

/** The characters {@link logFieldValue} escapes: those JSON would leave raw (it escapes the rest itself). */
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

/**
 * Formats a client-supplied value for a field of a structured log record, which a JSON logger
 * serialises (so quotes and backslashes need no escaping here): strings are cut at
 * {@link MAX_LOGGED_VALUE_LENGTH} characters and their control and invisible characters written
 * as `\uXXXX`, so the record reads as what it contains; numbers and booleans stay as they are;
 * anything else is written by type only.
 *
 * @example logFieldValue('\u202eevil') // '\\u202eevil'
 */
export function logFieldValue(value: unknown): string | number | boolean | null {
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (value === undefined) return null;
  if (typeof value !== 'string') return `<${Array.isArray(value) ? 'array' : typeof value}>`;
  const kept = value.length > MAX_LOGGED_VALUE_LENGTH ? value.slice(0, MAX_LOGGED_VALUE_LENGTH) : value;
  const more = value.length > MAX_LOGGED_VALUE_LENGTH ? `…(+${value.length - MAX_LOGGED_VALUE_LENGTH} chars)` : '';
  return `${kept.replace(INVISIBLE, (character) => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`)}${more}`;
}

/** The message of a thrown value, quoted as a client-supplied value: errors often quote their input. */
export function quoteErrorMessage(error: unknown): string {
  return quoteLogValue(error instanceof Error ? error.message : String(error));
}

function escape(character: string): string {
  switch (character) {
    case '"':
      return '\\"';
    case '\\':
      return '\\\\';
    case '\n':
      return '\\n';
    case '\r':
      return '\\r';
    case '\t':
      return '\\t';
    default:
      return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
  }
}
