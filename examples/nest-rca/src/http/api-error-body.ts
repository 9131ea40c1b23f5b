import type { ErrorCode } from '@tenantcast/protocol';

/** The body of every HTTP error of the API: the same `{ code, message }` a socket refusal carries. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
}
