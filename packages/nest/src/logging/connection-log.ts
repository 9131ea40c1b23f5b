import { Logger, type LogLevel } from '@nestjs/common';
import { ErrorCode, type ErrorPayload, type RealtimeUser } from '@tenantcast/protocol';
import type { HandshakeError } from '../errors/handshake.error';
import type { SystemSocket } from '../gateway/system-socket';
import type { ResolvedLoggingOptions } from '../options/resolved-realtime-options';
import { logFieldValue, quoteLogValue } from './log-values';
import type { RealtimeLogEvent } from './realtime-logging-options.interface';

/** The fields of one lifecycle line, in the order the text form writes them. */
type Fields = Record<string, string | boolean | undefined>;

/** What a line's text form calls each field; the object form keeps the field names. */
const TEXT_KEYS: Readonly<Record<string, string>> = { socketId: 'socket', tenantId: 'tenant', userId: 'user' };

/** An engine.io connection, as its listeners see it (`this`). */
type EngineSocket = SystemSocket['conn'];

/**
 * Writes one line per connection lifecycle point (connect, refusal, join, leave, disconnect, and
 * the connection health: pongs, ping timeouts, transport upgrades) through the app's Nest logger,
 * at the configured level. Every line names the socket, tenant, user and transport, never a
 * token; client-supplied values are quoted in the text form ({@link quoteLogValue}) and cut and
 * escaped in the object form ({@link logFieldValue}).
 */
export class ConnectionLog {
  /** The module socket of each engine connection that has health listeners. */
  private readonly sockets = new WeakMap<EngineSocket, SystemSocket>();
  // One listener for every connection, finding its socket through `this`: no closure per connection.
  private readonly onHeartbeat: (this: EngineSocket) => void;
  private readonly onUpgrade: (this: EngineSocket, transport: { name: string }) => void;

  constructor(
    private readonly logger: Logger,
    private readonly options: ResolvedLoggingOptions,
  ) {
    const sockets = this.sockets;
    const log = this;
    this.onHeartbeat = function onHeartbeat() {
      const socket = sockets.get(this);
      if (socket) log.write('pong', 'Pong', identity(socket));
    };
    this.onUpgrade = function onUpgrade(transport) {
      const socket = sockets.get(this);
      if (socket) log.write('upgraded', 'Upgraded', { ...identity(socket), transport: transport.name, from: 'polling' });
    };
  }

  /** Logs an accepted connection, and watches its health while those lines are on. */
  connected(socket: SystemSocket): void {
    this.write('connected', 'Connected', { ...identity(socket), ...(socket.recovered ? { recovered: true } : {}) });
    const watchPong = this.writes('pong');
    const watchUpgrade = this.writes('upgraded') && socket.conn.transport.name === 'polling';
    if (!watchPong && !watchUpgrade) return;
    this.sockets.set(socket.conn, socket);
    if (watchPong) socket.conn.on('heartbeat', this.onHeartbeat);
    if (watchUpgrade) socket.conn.on('upgrade', this.onUpgrade);
  }

  /** Logs a closed connection; a ping timeout at its own level. */
  disconnected(socket: SystemSocket, reason: string): void {
    this.write(reason === 'ping timeout' ? 'pingTimeout' : 'disconnected', 'Disconnected', { ...identity(socket), reason });
  }

  /** Logs a refused handshake; the user only when its token was verified (a connection cap). */
  handshakeRefused(socket: SystemSocket, refusal: HandshakeError, user: RealtimeUser | undefined): void {
    this.write('refused', 'Refused handshake', {
      socketId: socket.id,
      ...(user ? { tenantId: user.tenantId, userId: user.userId } : {}),
      transport: socket.conn.transport.name,
      address: socket.handshake.address,
      namespace: socket.nsp.name,
      code: refusal.data.code,
      reason: refusal.reason,
    });
  }

  /** Logs a join into `room`. */
  joined(socket: SystemSocket, room: string): void {
    this.write('joined', 'Joined', { ...identity(socket), room });
  }

  /** Logs a leave of `room`. */
  left(socket: SystemSocket, room: string): void {
    this.write('left', 'Left', { ...identity(socket), room });
  }

  /**
   * Logs a refused join or leave. A request whose connection closed while it ran was abandoned,
   * not refused (debug); an `INTERNAL` failure is an error, with its stack.
   */
  roomRefused(operation: 'join' | 'leave', socket: SystemSocket, payload: ErrorPayload, error: unknown): void {
    if (socket.disconnected) {
      this.logger.debug(this.format(`Abandoned ${operation}`, identity(socket), 'the connection closed first'));
    } else if (payload.code === ErrorCode.Internal) {
      this.logger.error(this.format(`${operation} failed`, identity(socket), error instanceof Error ? (error.stack ?? error.message) : String(error)));
    } else {
      this.write(operation === 'join' ? 'joinRefused' : 'leaveRefused', `Refused ${operation}`, { ...identity(socket), code: payload.code }, payload.message);
    }
  }

  /** Logs a recovered session that was not handed back (the connection starts fresh), for the verified `user`. */
  recoveryRefused(socket: SystemSocket, user: RealtimeUser, reason: string): void {
    this.write('recoveryRefused', 'Refused session recovery', { socketId: socket.id, tenantId: user.tenantId, userId: user.userId, transport: socket.conn.transport.name, reason });
  }

  private write(event: RealtimeLogEvent, message: string, fields: Fields, detail?: string): void {
    const level = this.options.levels[event];
    if (level === false || !levelEnabled(level)) return;
    this.logger[level](this.options.format === 'object' ? this.record(event, message, fields, detail) : this.text(message, fields, detail));
  }

  /** Whether lines of `event` reach the log at all, so nothing is built or watched for nothing. */
  private writes(event: RealtimeLogEvent): boolean {
    const level = this.options.levels[event];
    return level !== false && levelEnabled(level);
  }

  /** The message the logger gets at `level`, for lines that are not configurable. */
  private format(message: string, fields: Fields, detail: string): string | Record<string, unknown> {
    return this.options.format === 'object' ? this.record(undefined, message, fields, detail) : this.text(message, fields, detail);
  }

  private text(message: string, fields: Fields, detail: string | undefined): string {
    let line = message;
    for (const [key, value] of Object.entries(fields)) {
      if (value !== undefined) line += ` ${TEXT_KEYS[key] ?? key}=${quoteLogValue(value)}`;
    }
    return detail === undefined ? line : `${line}: ${detail}`;
  }

  private record(event: RealtimeLogEvent | undefined, message: string, fields: Fields, detail: string | undefined): Record<string, unknown> {
    const record: Record<string, unknown> = { [this.options.messageKey]: message, ...(event ? { event } : {}) };
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) record[key] = logFieldValue(value);
    if (detail !== undefined) record.reason = logFieldValue(detail);
    return record;
  }
}

function identity(socket: SystemSocket): Fields {
  const { user } = socket.data;
  return { socketId: socket.id, tenantId: user.tenantId, userId: user.userId, transport: socket.conn.transport.name };
}

/**
 * Whether the app's log levels let `level` through. Nest knows them only when the app set them
 * (`NestFactory.create(..., { logger: ['error', 'warn'] })`, `app.useLogger([...])`); with a
 * logger of its own (pino, winston) the app decides, so every line is handed over. Asked per
 * line: a connection line that nobody reads is not formatted.
 */
function levelEnabled(level: LogLevel): boolean {
  const configured = (Logger as unknown as { logLevels?: LogLevel[] }).logLevels;
  return configured === undefined || Logger.isLevelEnabled(level);
}
