import type { LoggerService } from '@nestjs/common';

/** One captured log call. */
export interface LogEntry {
  level: 'log' | 'error' | 'warn' | 'debug' | 'verbose';
  line: string;
  /** The message alone, as the module passed it (a string, or an object in `format: 'object'`). */
  message: unknown;
}

/** Captures every log line of the app, to prove tokens never reach a log and to count lines by level. */
export class CapturingLogger implements LoggerService {
  readonly entries: LogEntry[] = [];
  get lines(): string[] {
    return this.entries.map((entry) => entry.line);
  }
  /** The warnings alone. */
  get warnings(): string[] {
    return this.entries.filter((entry) => entry.level === 'warn').map((entry) => entry.line);
  }
  log(message: unknown, ...rest: unknown[]): void { this.push('log', message, rest); }
  error(message: unknown, ...rest: unknown[]): void { this.push('error', message, rest); }
  warn(message: unknown, ...rest: unknown[]): void { this.push('warn', message, rest); }
  debug(message: unknown, ...rest: unknown[]): void { this.push('debug', message, rest); }
  verbose(message: unknown, ...rest: unknown[]): void { this.push('verbose', message, rest); }
  private push(level: LogEntry['level'], message: unknown, rest: unknown[]): void {
    this.entries.push({ level, line: [message, ...rest].map(String).join(' '), message });
  }
}
