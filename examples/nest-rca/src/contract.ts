/**
 * What a front end shares with this backend, importable as `nest-rca/contract` (the React
 * dashboard does): the socket event maps and the HTTP API's shapes. Nothing reachable from here
 * may import Nest, so a browser bundle can take it.
 */
export type { RcaServerEvents, RcaClientEvents, JsonValue } from './realtime/rca-events';
export { RCA_STATUSES, isRcaStatus } from './rcas/rca';
export type { RcaStatus, RcaSummary } from './rcas/rca';
export { MAX_COMMENT_LENGTH } from './rcas/comment-request-limits';
export type { ApiErrorBody, ApiErrorCode } from './http/api-error-body';
export { Role, WRITER_ROLES, BROADCASTER_ROLES, canWrite, canBroadcast } from './auth/role-rules';
