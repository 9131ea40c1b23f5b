/**
 * The connection lifecycle points the module logs, one line each:
 *
 * - `connected`: an authenticated connection was set up;
 * - `refused`: a handshake was refused (bad or expired token, connection cap, namespace);
 * - `disconnected`: a connection closed, for any reason but a ping timeout;
 * - `pingTimeout`: a connection closed because the client stopped answering pings;
 * - `joined` / `left`: a connection entered or left a resource room;
 * - `joinRefused` / `leaveRefused`: a join or leave was refused (`FORBIDDEN`, `INVALID_ROOM`, …);
 * - `pong`: a client answered a ping (every `pingInterval` per connection);
 * - `upgraded`: a connection moved from long-polling to WebSocket;
 * - `recoveryRefused`: a recovered session was not handed back, because the new token names
 *   another user or tenant.
 */
export type RealtimeLogEvent =
  | 'connected'
  | 'refused'
  | 'disconnected'
  | 'pingTimeout'
  | 'joined'
  | 'left'
  | 'joinRefused'
  | 'leaveRefused'
  | 'pong'
  | 'upgraded'
  | 'recoveryRefused';

/** A Nest log level (the method of the app's logger that a line goes to). */
export type RealtimeLogLevel = 'verbose' | 'debug' | 'log' | 'warn' | 'error';

/** How the module writes its connection lifecycle lines. */
export interface RealtimeLoggingOptions {
  /**
   * `'text'`: a readable line such as `Connected socket=… tenant=acme user=alice transport=websocket`,
   * with client-supplied values quoted. `'object'`: an object whose fields a JSON logger
   * (nestjs-pino, nest-winston, Nest's `ConsoleLogger` with `json: true`) writes as fields:
   * `{ msg: 'Connected', event: 'connected', socketId, tenantId, userId, transport, … }`.
   * @default 'text'
   */
  format?: 'text' | 'object';
  /**
   * With `format: 'object'`, the field that holds the readable message: `'msg'` for pino
   * (nestjs-pino), `'message'` for winston (nest-winston).
   * @default 'msg'
   */
  messageKey?: 'msg' | 'message';
  /**
   * The level of each lifecycle line, or `false` to leave it out. A `pong` listener is only
   * installed on connections while `pong` is not `false`.
   * @default { connected: 'log', refused: 'warn', disconnected: 'log', pingTimeout: 'warn', joined: 'log', left: 'log', joinRefused: 'warn', leaveRefused: 'warn', pong: 'debug', upgraded: 'debug', recoveryRefused: 'warn' }
   */
  levels?: Partial<Record<RealtimeLogEvent, RealtimeLogLevel | false>>;
}
