/**
 * Thrown at start-up when environment variables are missing or malformed. The message lists
 * every problem at once, each with the fix, so one restart is enough to correct them all.
 */
export class EnvValidationError extends Error {
  constructor(problems: readonly string[]) {
    super(`Invalid environment (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
    this.name = 'EnvValidationError';
    // The message says what to fix; a stack trace through Nest's injector would only bury it.
    this.stack = `${this.name}: ${this.message}`;
  }
}
