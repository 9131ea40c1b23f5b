import type { LoggerService } from '@nestjs/common';

/** Captures every log line of the app, to prove tokens never reach a log or what was warned. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  /** The warnings alone. */
  readonly warnings: string[] = [];
  log(message: unknown, ...rest: unknown[]): void { this.lines.push([message, ...rest].map(String).join(' ')); }
  error(message: unknown, ...rest: unknown[]): void { this.log(message, ...rest); }
  warn(message: unknown, ...rest: unknown[]): void {
    this.log(message, ...rest);
    this.warnings.push([message, ...rest].map(String).join(' '));
  }
  debug(message: unknown, ...rest: unknown[]): void { this.log(message, ...rest); }
  verbose(message: unknown, ...rest: unknown[]): void { this.log(message, ...rest); }
}
