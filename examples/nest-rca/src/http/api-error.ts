import { HttpException, type HttpStatus } from '@nestjs/common';
import type { ApiErrorBody, ApiErrorCode } from './api-error-body';

export type { ApiErrorBody, ApiErrorCode } from './api-error-body';

/**
 * An HTTP error whose body carries the same `{ code, message }` as a socket refusal, so a client
 * branches on one set of codes whichever way it talks to the server.
 */
export function apiError(status: HttpStatus, code: ApiErrorCode, message: string): HttpException {
  return new HttpException({ statusCode: status, code, message } satisfies ApiErrorBody, status);
}
