export { createRealtimeClient, REALTIME_CLIENT_DEFAULTS } from './create-realtime-client';
export type { RealtimeClient } from './realtime-client';
export type { RealtimeClientOptions } from './realtime-client-options';
export { RealtimeClientError, isRealtimeClientError } from './realtime-client-error';
export { DEFAULT_RECONNECTION } from './backoff';
export type { ReconnectionOptions } from './backoff';
export type {
  RealtimeStatus,
  RealtimeStatusType,
  RealtimeStatusStore,
  RealtimeTransport,
  IdleStatus,
  ConnectingStatus,
  ConnectedStatus,
  ReconnectingStatus,
  OfflineStatus,
  UnauthorizedStatus,
} from './status-store';
export type { ExternalStore } from './external-store';
export type { TokenProvider, TokenSource, TokenRequest, TokenRequestReason } from './token-provider';
export { silentLogger } from './logger';
export type { RealtimeLogger } from './logger';
export type { RoomRef, RoomHandle } from './room-registry';
export type { RoomState } from './room-state';
export type { PresenceScope, PresenceState, PresenceRef } from './presence-subscription';
export type {
  NoEvents,
  ReservedSocketEvent,
  ServerEventsShape,
  ClientEventsShape,
  ListenEventName,
  EventHandler,
  EmitEventName,
  RequestEventName,
  EmitArgs,
  RequestArgs,
  RequestOptions,
  RequestResult,
} from './event-types';
