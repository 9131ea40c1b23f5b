import { ErrorCode, type ErrorPayload, type PayloadIssue } from '@tenantcast/protocol';
import { SharedAcrossBuilds } from '../shared-across-builds';

/**
 * Base class of every error Tenantcast raises on the server. Carries a protocol code so it can be
 * sent to the client as an {@link ErrorPayload} without leaking internals.
 */
@SharedAcrossBuilds('RealtimeError')
export class RealtimeError extends Error {
  /** With `INVALID_PAYLOAD`: every problem found, sent to the client as `details`. */
  readonly details: PayloadIssue[] | undefined;

  constructor(
    /** The protocol error code the client receives. */
    readonly code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: PayloadIssue[] },
  ) {
    super(message, options);
    this.name = 'RealtimeError';
    this.details = options?.details;
  }

  /** The `{ code, message }` (and `details`, if any) sent to the client. */
  toPayload(): ErrorPayload {
    return this.details === undefined ? { code: this.code, message: this.message } : { code: this.code, message: this.message, details: this.details };
  }

  /** Turns anything thrown into a payload safe to send: unknown errors become `INTERNAL`. */
  static toPayload(error: unknown): ErrorPayload {
    if (error instanceof RealtimeError) return error.toPayload();
    return { code: ErrorCode.Internal, message: 'The server failed to handle the request; try again.' };
  }
}
