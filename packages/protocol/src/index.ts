export { ErrorCode, isErrorCode, UNAUTHORIZED_MESSAGE } from './error-codes';
export type { ErrorPayload, PayloadIssue } from './error-codes';
export { isEnvelope } from './envelope';
export type { Envelope, EnvelopeMetadata } from './envelope';
export { SystemEvent, isSystemEvent, isApplicationEventName, RESERVED_SOCKET_EVENTS, PROTOCOL_VERSION } from './system-events';
export type { SystemEventName, ReservedSocketEvent } from './system-events';
export {
  MAX_ROOM_COMPONENT_LENGTH,
  RESERVED_KINDS,
  RoomNameError,
  roomComponentProblem,
  isValidRoomComponent,
  assertRoomComponent,
  tenantRoom,
  userRoom,
  presenceRoom,
  resourceRoom,
  parseRoomName,
} from './room-names';
export type { ParsedRoom, RoomComponentName } from './room-names';
export type {
  RealtimeUser,
  ServerSettings,
  ConnectedPayload,
  JoinRequest,
  LeaveRequest,
  PresenceMember,
  ErrorAck,
  OkAck,
  JoinAck,
  LeaveAck,
  RoomPayload,
  RoomLostPayload,
  RoomMemberPayload,
  PresenceSnapshotAck,
  PresenceChangePayload,
  TokenExpiringPayload,
  RefreshTokenRequest,
  RefreshTokenAck,
} from './payloads';
export type {
  ClientEvent,
  SystemServerEvents,
  SystemClientEvents,
  ServerToClientEvents,
  ClientToServerEvents,
  ClientEventPayload,
  ClientEventAck,
} from './event-map';
