import { Logger, type ModuleMetadata } from '@nestjs/common';
import { RealtimeModule, type RealtimeModuleOptions } from '../../src';
import { startModule, testOptions, type TestApp } from '../support/apps';
import { CapturingLogger } from '../support/capturing-logger';

/** A test app whose every log line (the module's and Nest's) is captured. */
export interface LoggedApp extends TestApp {
  logger: CapturingLogger;
}

/** Starts `RealtimeModule.forRoot(testOptions(options))` with a capturing logger. */
export async function startLoggedApp(options: Partial<RealtimeModuleOptions> = {}, metadata: ModuleMetadata = {}): Promise<LoggedApp> {
  const logger = new CapturingLogger();
  Logger.overrideLogger(logger);
  const app = await startModule({ ...metadata, imports: [RealtimeModule.forRoot(testOptions(options)), ...(metadata.imports ?? [])] }, 'express', 0, logger);
  return { ...app, logger };
}

/** Every ≥16-character piece of a token (stepping by 4), to prove none of it reached a log line or Redis. */
export function tokenPieces(token: string): string[] {
  const pieces = [token];
  for (let start = 0; start + 16 <= token.length; start += 4) pieces.push(token.slice(start, start + 16));
  return pieces;
}

/** Fails the test on any uncaught exception or unhandled rejection while `run` runs, and after it settles. */
export async function withoutProcessFaults(run: () => Promise<void>): Promise<void> {
  const faults: unknown[] = [];
  const record = (fault: unknown): void => void faults.push(fault);
  process.on('uncaughtException', record);
  process.on('unhandledRejection', record);
  try {
    await run();
    await new Promise((resolve) => setTimeout(resolve, 50));
  } finally {
    process.off('uncaughtException', record);
    process.off('unhandledRejection', record);
  }
  if (faults.length > 0) throw new Error(`process faults: ${faults.map((fault) => (fault instanceof Error ? fault.stack : String(fault))).join('\n')}`);
}
