/** Where the client writes what it does; `console` fits. */
export interface RealtimeLogger {
  /** Connection steps: attempts, delays, re-joins. */
  debug(message: string, ...details: unknown[]): void;
  /** Problems the client recovers from or reports elsewhere: failed re-joins, refused refreshes. */
  warn(message: string, ...details: unknown[]): void;
  /** Failures with no caller to report them to. */
  error(message: string, ...details: unknown[]): void;
}

/** @internal The default logger: warnings and errors to `console`, debug lines dropped. */
export const consoleWarningsLogger: RealtimeLogger = {
  debug: () => undefined,
  warn: (message, ...details) => console.warn(`[tenantcast] ${message}`, ...details),
  error: (message, ...details) => console.error(`[tenantcast] ${message}`, ...details),
};

/**
 * A logger that writes nothing; pass it as `logger` to silence the client.
 */
export const silentLogger: RealtimeLogger = {
  debug: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
