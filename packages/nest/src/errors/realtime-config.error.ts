import { SharedAcrossBuilds } from '../shared-across-builds';

/**
 * Thrown at start-up when options are invalid (or, with `dependencyFloors: 'refuse'`, when Socket.IO
 * is served by a copy below its floor). It lists every problem found at once, each naming
 * the option and the fix, so a misconfiguration is mended in one pass instead of one per boot.
 */
@SharedAcrossBuilds('RealtimeConfigError')
export class RealtimeConfigError extends Error {
  constructor(
    /** What was configured, e.g. `RealtimeModule` or `RedisPresenceStore`. */
    readonly subject: string,
    /** One sentence per problem, each starting with the option's path. */
    readonly problems: readonly string[],
  ) {
    super(formatProblems(subject, problems));
    this.name = 'RealtimeConfigError';
  }
}

function formatProblems(subject: string, problems: readonly string[]): string {
  if (problems.length === 1) return `${subject}: ${problems[0]}`;
  return `${subject}: ${problems.length} problems in the options:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`;
}
