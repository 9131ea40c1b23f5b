/**
 * Every refusal the server or the client reports carries one of these codes.
 *
 * The server sends all but the last two; `TIMEOUT` and `DISCONNECTED` are raised by the client
 * when an acknowledgement does not arrive or the connection drops while a request is in flight.
 */
export const ErrorCode = {
  /** The handshake carried no token, or one that failed verification. Do not retry with it. */
  Unauthorized: 'UNAUTHORIZED',
  /** The token was valid but has expired: fetch a fresh one and reconnect. */
  TokenExpired: 'TOKEN_EXPIRED',
  /** The user is authenticated but the room's `authorize` hook refused access. */
  Forbidden: 'FORBIDDEN',
  /** The room kind is unknown or the resource id is not a valid room component. */
  InvalidRoom: 'INVALID_ROOM',
  /** The socket is already in as many resource rooms as the server allows: leave one first. */
  RoomLimit: 'ROOM_LIMIT',
  /** The event payload does not have the expected shape. */
  InvalidPayload: 'INVALID_PAYLOAD',
  /** Too many events in too short a time; `retryAfterMs` says when to try again. */
  RateLimited: 'RATE_LIMITED',
  /** Too many concurrent connections for this user or tenant. */
  ConnectionLimit: 'CONNECTION_LIMIT',
  /** The payload exceeds the server's size limit (for example an HTTP body, or an emit above `maxEmitBytes`). */
  PayloadTooLarge: 'PAYLOAD_TOO_LARGE',
  /** The server failed while handling the request; the request may be retried. */
  Internal: 'INTERNAL',
  /**
   * The server process is shutting down (a deploy or a scale-in); sent in `session-ended` just
   * before the connection closes. Reconnect: another process takes over.
   */
  ServerShutdown: 'SERVER_SHUTDOWN',
  /** The client waited longer than the request's timeout for an acknowledgement. */
  Timeout: 'TIMEOUT',
  /** The connection closed before the request was acknowledged. */
  Disconnected: 'DISCONNECTED',
} as const;

/** Union of all error code strings, e.g. `'FORBIDDEN'`. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

const knownCodes: ReadonlySet<string> = new Set(Object.values(ErrorCode));

/** Tells whether a value is one of the protocol's error codes. */
export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && knownCodes.has(value);
}

/** One problem found in an event's payload. */
export interface PayloadIssue {
  /** Where in the payload, from the top: property names and array indexes; `[]` for the payload itself. */
  path: Array<string | number>;
  /** What is wrong there. */
  message: string;
}

/** The error object carried by a refused acknowledgement or a `connect_error`'s `data`. */
export interface ErrorPayload {
  /** Machine-readable code; branch on this, never on the message. */
  code: ErrorCode;
  /** A sentence a person can act on. */
  message: string;
  /** With `INVALID_PAYLOAD`: every problem the validator found. */
  details?: PayloadIssue[];
  /** With `RATE_LIMITED`: milliseconds until the server accepts events from this client again. */
  retryAfterMs?: number;
}

/** The `message` of every `connect_error` caused by authentication; clients branch on `data.code`, not on it. */
export const UNAUTHORIZED_MESSAGE = 'Unauthorized';
