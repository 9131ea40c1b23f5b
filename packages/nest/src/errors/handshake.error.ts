import { ErrorCode, UNAUTHORIZED_MESSAGE } from '@tenantcast/protocol';

/**
 * The error handed to Socket.IO's `next()` when a handshake is refused. Socket.IO sends its
 * `message` and `data` to the client as `connect_error`, so the message is always `Unauthorized`
 * and the reason travels as `data.code`; the detailed `reason` stays in the server log.
 */
export class HandshakeError extends Error {
  /** Sent to the client with the `connect_error`. */
  readonly data: { code: ErrorCode; message: string };

  constructor(
    code: typeof ErrorCode.Unauthorized | typeof ErrorCode.TokenExpired,
    /** Why the handshake was refused, for the server log only. */
    readonly reason: string,
  ) {
    super(UNAUTHORIZED_MESSAGE);
    this.name = 'HandshakeError';
    this.data = {
      code,
      message:
        code === ErrorCode.TokenExpired
          ? 'The token has expired; fetch a fresh token and reconnect.'
          : 'A valid token is required; send it as auth.token or an Authorization: Bearer header.',
    };
  }
}
