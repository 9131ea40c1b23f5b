import { HttpException, type HttpStatus } from '@nestjs/common';
import type { ErrorCode } from '@tenantcast/protocol';

/** The codes of the HTTP API: the protocol's, plus `NOT_FOUND` for routes that do not exist. */
export type ApiErrorCode = ErrorCode | 'NOT_FOUND';

/** The body of every HTTP error. */
export interface ApiErrorBody {
  statusCode: number;
  code: ApiErrorCode;
  message: string;
}

/**
 * An HTTP error whose body carries the same `{ code, message }` as a socket refusal, so a client
 * branches on one set of codes whichever way it talks to the server.
 */
export function apiError(status: HttpStatus, code: ApiErrorCode, message: string): HttpException {
  return new HttpException({ statusCode: status, code, message } satisfies ApiErrorBody, status);
}
