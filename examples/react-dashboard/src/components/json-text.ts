import type { JsonValue } from 'nest-rca/contract';

/**
 * A posted JSON value as one line of text: its `text`, `title` or `note` when it has one (what
 * the dashboard itself sends), else the JSON (what a curl might have sent).
 */
export function jsonText(value: JsonValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const key of ['text', 'title', 'note']) {
      const field = value[key];
      if (typeof field === 'string' && field !== '') return field;
    }
  }
  return JSON.stringify(value);
}
