export { RealtimeModule } from './realtime.module';
export { REALTIME_MODULE_OPTIONS } from './realtime.module-definition';
export type { RealtimeModuleExtras } from './realtime.module-definition';
export type {
  RealtimeModuleOptions,
  RealtimeAuthOptions,
  RoomKindOptions,
  RealtimeHealthOptions,
  RealtimePresenceOption,
  JwtAlgorithm,
  JwtClaims,
} from './realtime-options.interface';
export type {
  RealtimeLimitsOptions,
  RealtimeRateLimitOptions,
  RateLimitRule,
  RealtimeLimitsStore,
  RedisLimitsClient,
} from './limits/realtime-limits-options.interface';
export type { RealtimeOriginOptions } from './origins/realtime-origin-options.interface';
export type {
  RealtimeMetricsOptions,
  RealtimeTenantLabelOption,
  RealtimeMeterProvider,
  RealtimeMeter,
  RealtimeCounter,
  RealtimeHistogram,
  RealtimeInstrumentOptions,
  RealtimeMetricAttributes,
} from './metrics/realtime-metrics-options.interface';
export type { RealtimeLoggingOptions, RealtimeLogEvent, RealtimeLogLevel } from './logging/realtime-logging-options.interface';
export type { RealtimeAdminUiOptions } from './admin-ui/realtime-admin-ui-options.interface';
export { RealtimeExceptionFilter } from './validation/realtime-exception.filter';
export { RealtimeValidationPipe } from './validation/realtime-validation.pipe';
export { StandardSchemaPipe, ValidatedBody } from './validation/standard-schema.pipe';
export type {
  RealtimeAdapterOption,
  RedisAdapterOption,
  RedisStreamsAdapterOption,
  AdapterRedisConnection,
  AdapterRedisClient,
  RealtimeRecoveryOptions,
} from './adapter/adapter-options.interface';
export { RealtimeService } from './realtime.service';
export { EnvelopeBroadcaster } from './broadcast/envelope-broadcaster';
export type { PayloadLimits } from './broadcast/envelope-broadcaster';
export type { PresenceQueries } from './presence/presence-reader';
export { RealtimeAuthService } from './auth/realtime-auth.service';
export type { AuthenticatedToken } from './auth/token-authenticator';
export { RealtimeGateway } from './gateway/realtime-gateway.decorator';
export { RealtimeIoAdapter } from './gateway/realtime-io.adapter';
export type { RealtimeSocket, RealtimeSocketData, RealtimeNamespace } from './realtime-socket';
export { PRESENCE_STORE, getPresenceStoreToken } from './realtime.constants';
export type {
  PresenceStore,
  PresenceConnection,
  PresenceRoomRef,
  AddConnectionResult,
  RemoveConnectionResult,
  JoinRoomResult,
  LeaveRoomResult,
  ExpiredPresence,
  LostConnection,
} from './presence/presence-store.interface';
export { MemoryPresenceStore } from './presence/memory-presence.store';
export { RedisPresenceStore } from './presence/redis-presence.store';
export type { RedisPresenceOptions, RedisPresenceClient } from './presence/redis-presence-options.interface';
export { RealtimeHealthService } from './health/realtime-health.service';
export type { RealtimeHealthReport } from './health/realtime-health.service';
export { RealtimeError } from './errors/realtime.error';
export { HandshakeError } from './errors/handshake.error';
export type { HandshakeErrorCode } from './errors/handshake.error';
export { RealtimeConfigError } from './errors/realtime-config.error';
// The wire contract's names that appear in this package's API, so a backend needs no direct
// dependency on @tenantcast/protocol (a transitive package is not importable under pnpm).
export { ErrorCode, SystemEvent } from '@tenantcast/protocol';
export type {
  RealtimeUser,
  Envelope,
  EnvelopeMetadata,
  ErrorPayload,
  ClientEvent,
  ClientEventPayload,
  ClientEventAck,
  PayloadIssue,
  ServerToClientEvents,
  ClientToServerEvents,
  PresenceMember,
  JoinAck,
  LeaveAck,
  ErrorAck,
  ConnectedPayload,
  ServerSettings,
} from '@tenantcast/protocol';
