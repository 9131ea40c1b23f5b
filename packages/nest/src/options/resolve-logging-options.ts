import type { RealtimeLogEvent, RealtimeLoggingOptions, RealtimeLogLevel } from '../logging/realtime-logging-options.interface';
import { OptionMessages } from '../realtime.messages';
import type { OptionProblems } from './option-problems';
import type { ResolvedLoggingOptions } from './resolved-realtime-options';

/** The documented level of each lifecycle line (see {@link RealtimeLoggingOptions.levels}). */
export const LOG_LEVEL_DEFAULTS: Readonly<Record<RealtimeLogEvent, RealtimeLogLevel>> = {
  connected: 'log',
  refused: 'warn',
  disconnected: 'log',
  pingTimeout: 'warn',
  joined: 'log',
  left: 'log',
  joinRefused: 'warn',
  leaveRefused: 'warn',
  pong: 'debug',
  upgraded: 'debug',
  recoveryRefused: 'warn',
};

const LEVELS: ReadonlySet<unknown> = new Set(['verbose', 'debug', 'log', 'warn', 'error', false]);

/** Validates `logging` and fills in the default format and levels. */
export function resolveLoggingOptions(logging: RealtimeLoggingOptions | undefined, problems: OptionProblems): ResolvedLoggingOptions {
  const levels: Record<RealtimeLogEvent, RealtimeLogLevel | false> = { ...LOG_LEVEL_DEFAULTS };
  if (logging === undefined) return { format: 'text', messageKey: 'msg', levels };
  if (typeof logging !== 'object' || logging === null) {
    problems.add(OptionMessages.loggingType());
    return { format: 'text', messageKey: 'msg', levels };
  }
  const format = logging.format ?? 'text';
  if (format !== 'text' && format !== 'object') problems.add(OptionMessages.logFormat(format));
  const messageKey = logging.messageKey ?? 'msg';
  if (messageKey !== 'msg' && messageKey !== 'message') problems.add(OptionMessages.logMessageKey(messageKey));
  const events = Object.keys(LOG_LEVEL_DEFAULTS);
  for (const [event, level] of Object.entries(logging.levels ?? {})) {
    if (!Object.hasOwn(LOG_LEVEL_DEFAULTS, event)) problems.add(OptionMessages.logLevelEvent(event, events));
    else if (!LEVELS.has(level)) problems.add(OptionMessages.logLevel(event, level));
    else levels[event as RealtimeLogEvent] = level as RealtimeLogLevel | false;
  }
  return { format: format === 'object' ? 'object' : 'text', messageKey: messageKey === 'message' ? 'message' : 'msg', levels };
}
