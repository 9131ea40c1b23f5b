import { RealtimeConfigError } from '../errors/realtime-config.error';

/**
 * Collects the problems of one options object while it is resolved, so that the boot error
 * lists every one of them instead of stopping at the first.
 */
export class OptionProblems {
  private readonly problems: string[] = [];

  /** Records a problem: one sentence that names the option and the fix. */
  add(problem: string): void {
    this.problems.push(problem);
  }

  /** Throws a {@link RealtimeConfigError} listing every recorded problem, if there is any. */
  throwIfAny(subject: string): void {
    if (this.problems.length > 0) throw new RealtimeConfigError(subject, this.problems);
  }
}
