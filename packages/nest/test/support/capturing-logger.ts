import type { LoggerService } from '@nestjs/common';

/** Captures every log line of the app, to prove tokens never reach a log. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown, ...rest: unknown[]): void { this.lines.push([message, ...rest].map(String).join(' ')); }
  error(message: unknown, ...rest: unknown[]): void { this.log(message, ...rest); }
  warn(message: unknown, ...rest: unknown[]): void { this.log(message, ...rest); }
  debug(message: unknown, ...rest: unknown[]): void { this.log(message, ...rest); }
  verbose(message: unknown, ...rest: unknown[]): void { this.log(message, ...rest); }
}
