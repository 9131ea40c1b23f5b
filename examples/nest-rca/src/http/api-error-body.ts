import type { ErrorCode } from '@tenantcast/protocol';

/** The codes of the HTTP API: the protocol's, plus `NOT_FOUND` for routes that do not exist. */
export type ApiErrorCode = ErrorCode | 'NOT_FOUND';

/** The body of every HTTP error of the API: the same `{ code, message }` a socket refusal carries. */
export interface ApiErrorBody {
  statusCode: number;
  code: ApiErrorCode;
  message: string;
}
