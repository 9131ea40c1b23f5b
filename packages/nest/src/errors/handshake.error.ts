import { ErrorCode, UNAUTHORIZED_MESSAGE, type ErrorPayload } from '@tenantcast/protocol';
import { RealtimeError } from './realtime.error';
import { SharedAcrossBuilds } from '../shared-across-builds';

/** The codes a refused handshake or token refresh carries. */
export type HandshakeErrorCode = typeof ErrorCode.Unauthorized | typeof ErrorCode.TokenExpired | typeof ErrorCode.ConnectionLimit | typeof ErrorCode.Forbidden;

const CLIENT_MESSAGES: Record<HandshakeErrorCode, string> = {
  [ErrorCode.TokenExpired]: 'The token has expired; fetch a fresh token and reconnect.',
  [ErrorCode.Unauthorized]: 'A valid token is required; send it as auth.token or an Authorization: Bearer header.',
  [ErrorCode.ConnectionLimit]: 'Too many connections are open for this user or tenant; close another tab or device, then reconnect.',
  [ErrorCode.Forbidden]: 'This namespace is not served here; connect to the namespace the application documents.',
};

/** `connect_error` message of refusals that are not about the token; clients branch on `data.code`. */
const REFUSED_MESSAGE = 'Refused';

/**
 * The error handed to Socket.IO's `next()` when a handshake is refused. Socket.IO sends its
 * `message` and `data` to the client as `connect_error`: the message is `Unauthorized` for token
 * refusals (`UNAUTHORIZED`, `TOKEN_EXPIRED`) and `Refused` for the others (`CONNECTION_LIMIT`,
 * `FORBIDDEN`), the reason travels as `data.code`; the detailed `reason` stays in the server log.
 */
@SharedAcrossBuilds('HandshakeError')
export class HandshakeError extends RealtimeError {
  /** Sent to the client with the `connect_error`. */
  readonly data: ErrorPayload & { code: HandshakeErrorCode };

  constructor(
    code: HandshakeErrorCode,
    /** Why the handshake was refused, for the server log only. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(code, code === ErrorCode.Unauthorized || code === ErrorCode.TokenExpired ? UNAUTHORIZED_MESSAGE : REFUSED_MESSAGE, options);
    this.name = 'HandshakeError';
    this.data = { code, message: CLIENT_MESSAGES[code] };
  }

  /** The payload a refused client receives: the code and an actionable sentence, never the reason. */
  override toPayload(): ErrorPayload {
    return this.data;
  }

  /** Returns `error` if it is a `HandshakeError`, otherwise an `UNAUTHORIZED` one caused by it. */
  static from(error: unknown): HandshakeError {
    if (error instanceof HandshakeError) return error;
    const reason = error instanceof Error ? error.message : String(error);
    return new HandshakeError(ErrorCode.Unauthorized, `unexpected failure: ${reason}`, { cause: error });
  }
}
