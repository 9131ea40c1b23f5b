import { OptionMessages } from '../realtime.messages';
import type { OptionProblems } from './option-problems';

/** A positive integer option (milliseconds or bytes), or its default when absent. */
export function optionalPositiveInteger(name: string, value: unknown, fallback: number, problems: OptionProblems): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value > 0) return value;
  problems.add(OptionMessages.positiveInteger(name, value));
  return fallback;
}

/** A finite number of seconds, 0 or more, or its default when absent. */
export function nonNegativeNumber(name: string, value: unknown, fallback: number, problems: OptionProblems): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  problems.add(OptionMessages.nonNegativeSeconds(name, value));
  return fallback;
}
