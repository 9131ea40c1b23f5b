import { ErrorCode, isErrorCode } from '@tenantcast/protocol';

/**
 * A failed HTTP call: the API's `{ statusCode, code, message }` body when it sent one, otherwise
 * a code derived from what happened, so the UI branches on one set of codes for sockets and HTTP.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** Builds the error from a response that was not OK. */
  static async fromResponse(response: Response, what: string): Promise<ApiError> {
    const body = (await response.json().catch(() => undefined)) as { code?: unknown; message?: unknown } | undefined;
    const message = typeof body?.message === 'string' ? body.message : `${what} answered ${response.status} ${response.statusText}.`;
    return new ApiError(response.status, isErrorCode(body?.code) ? body.code : codeOfStatus(response.status), message);
  }

  /** The request did not reach the server at all. */
  static unreachable(what: string, cause: unknown): ApiError {
    return new ApiError(0, ErrorCode.Disconnected, `${what} could not reach the server (${cause instanceof Error ? cause.message : String(cause)}).`);
  }
}

function codeOfStatus(status: number): ErrorCode {
  if (status === 401) return ErrorCode.Unauthorized;
  if (status === 403) return ErrorCode.Forbidden;
  if (status === 413) return ErrorCode.PayloadTooLarge;
  if (status === 429) return ErrorCode.RateLimited;
  if (status >= 400 && status < 500) return ErrorCode.InvalidPayload;
  return ErrorCode.Internal;
}
