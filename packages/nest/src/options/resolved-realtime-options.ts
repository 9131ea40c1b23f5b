import type { KeyObject } from 'node:crypto';
import type { RealtimeUser } from '@tenantcast/protocol';
import type { ServerOptions } from 'socket.io';
import type { RateLimitRule, RedisLimitsClient } from '../limits/realtime-limits-options.interface';
import type { OriginPolicy } from '../origins/origin-policy';
import type { AdapterRedisClient } from '../adapter/adapter-options.interface';
import type { RealtimeLogEvent, RealtimeLogLevel } from '../logging/realtime-logging-options.interface';
import type { RealtimeMeterProvider } from '../metrics/realtime-metrics-options.interface';
import type { PresenceStore } from '../presence/presence-store.interface';
import type { RedisPresenceClient } from '../presence/redis-presence-options.interface';
import type { JwtAlgorithm, JwtClaims, RoomKindOptions } from '../realtime-options.interface';

/** How the built-in verifier checks a JWT: the key is parsed once, the algorithms are pinned. */
export interface JwtVerification {
  /** The HMAC secret or the public key, parsed once at start-up. */
  key: KeyObject;
  /** The only algorithms accepted; the token header never chooses. */
  algorithms: [JwtAlgorithm, ...JwtAlgorithm[]];
  /** Required `iss`, if any. */
  issuer: string | [string, ...string[]] | undefined;
  /** Required `aud`, if any. */
  audience: string | [string, ...string[]] | undefined;
  /** Seconds of skew tolerated on `exp` and `nbf`. */
  clockToleranceSeconds: number;
  /** Oldest accepted `iat`, in seconds, if limited. */
  maxTokenAgeSeconds: number | undefined;
}

interface ResolvedAuthCommon {
  /** Maps verified claims to the user; the default mapping when none was given. */
  mapClaims: (claims: JwtClaims) => RealtimeUser | undefined | Promise<RealtimeUser | undefined>;
  /** Whether `?token=` is read. */
  allowQueryToken: boolean;
  /** Headers deleted from the handshake once it is authenticated, lower-case. */
  redactHeaders: ReadonlySet<string>;
  /** Milliseconds before `exp` at which `token-expiring` is sent. */
  expiryWarningMs: number;
  /** The application's revocation check; never revokes when none was given. */
  isRevoked: (claims: JwtClaims) => boolean | Promise<boolean>;
}

/** Handshake authentication, by how tokens are verified. */
export type ResolvedAuthOptions = ResolvedAuthCommon &
  (
    | { mode: 'hmac'; jwt: JwtVerification }
    | { mode: 'publicKey'; jwt: JwtVerification }
    | { mode: 'custom'; verify: (token: string) => Promise<JwtClaims> | JwtClaims }
  );

/** Redis presence settings with every default filled in; still valid `RedisPresenceOptions`. */
export type ResolvedRedisPresenceOptions = {
  keyPrefix: string;
  ttlMs: number;
  refreshIntervalMs: number;
  sweepIntervalMs: number;
} & ({ client: RedisPresenceClient; url?: undefined } | { url: string; client?: undefined });

/** Where presence is kept. The module creates (and closes) memory and Redis stores itself. */
export type ResolvedPresenceOptions =
  | { kind: 'memory' }
  | { kind: 'redis'; redis: ResolvedRedisPresenceOptions }
  | { kind: 'custom'; store: PresenceStore };

/** Rate limits of incoming events; an absent rule is off. */
export interface ResolvedRateLimits {
  perSocket: RateLimitRule | undefined;
  perUser: RateLimitRule | undefined;
  perTenant: RateLimitRule | undefined;
  disconnectAfterMs: number;
}

/** Where the limits keep their counts. */
export type ResolvedLimitsStore =
  | { kind: 'memory' }
  | ({ kind: 'redis'; keyPrefix: string } & ({ client: RedisLimitsClient; url?: undefined } | { url: string; client?: undefined }));

/** Limits with every default filled in; `undefined` means no cap. */
export interface ResolvedLimits {
  rateLimit: ResolvedRateLimits | undefined;
  maxConnectionsPerUser: number | undefined;
  maxConnectionsPerTenant: number | undefined;
  maxRoomsPerSocket: number;
  maxPayloadDepth: number;
  maxEmitBytes: number;
  store: ResolvedLimitsStore;
}
/** Where an adapter reaches Redis. */
export type ResolvedAdapterConnection =
  | { source: 'url'; url: string }
  | { source: 'client'; client: AdapterRedisClient; subClient: AdapterRedisClient | undefined };

/** How events reach other processes; `memory` is one process. */
export type ResolvedAdapterOptions =
  | { kind: 'memory' }
  | { kind: 'redis'; sharded: boolean; connection: ResolvedAdapterConnection; keyPrefix: string; requestsTimeoutMs: number }
  | { kind: 'redis-streams'; connection: ResolvedAdapterConnection; keyPrefix: string; requestsTimeoutMs: number; maxLen: number };

/** Connection state recovery. */
export type ResolvedRecoveryOptions = { enabled: false } | { enabled: true; maxDisconnectionMs: number };

/** The health endpoint. */
export type ResolvedHealthOptions = { enabled: true; path: string } | { enabled: false };

/** Which tenants get their own `tenant` label value; `none` leaves the label out. */
export type ResolvedTenantLabel = { kind: 'none' } | { kind: 'allow'; tenants: ReadonlySet<string> } | { kind: 'first'; max: number };

/** OpenTelemetry metrics; `provider` `undefined` means the global one of `@opentelemetry/api`. */
export type ResolvedMetricsOptions = { enabled: false } | { enabled: true; provider: RealtimeMeterProvider | undefined; tenantLabel: ResolvedTenantLabel };

/** How lifecycle lines are written; a `false` level leaves the line out. */
export interface ResolvedLoggingOptions {
  format: 'text' | 'object';
  messageKey: 'msg' | 'message';
  levels: Readonly<Record<RealtimeLogEvent, RealtimeLogLevel | false>>;
}

/** The Socket.IO Admin UI. */
export type ResolvedAdminUiOptions =
  | { enabled: false }
  | { enabled: true; namespace: string; username: string; passwordHash: string; readonly: boolean; mode: 'production' | 'development'; serverId: string | undefined };

/** The module's options after validation, with every default filled in. */
export interface ResolvedRealtimeOptions {
  auth: ResolvedAuthOptions;
  namespace: string;
  port: number | undefined;
  /** `undefined` for Socket.IO's default (`/socket.io`). */
  path: string | undefined;
  cors: ServerOptions['cors'] | undefined;
  transports: Array<'websocket' | 'polling'>;
  allowUpgrades: boolean;
  pingInterval: number;
  pingTimeout: number;
  maxPayloadBytes: number;
  connectTimeout: number;
  serverOptions: Partial<ServerOptions>;
  rooms: ReadonlyMap<string, RoomKindOptions>;
  presence: ResolvedPresenceOptions;
  adapter: ResolvedAdapterOptions;
  recovery: ResolvedRecoveryOptions;
  presenceMeta: (user: RealtimeUser) => Record<string, unknown>;
  health: ResolvedHealthOptions;
  /** The origin check, or `undefined` when every origin is accepted. */
  origins: OriginPolicy | undefined;
  limits: ResolvedLimits;
  dependencyFloors: 'warn' | 'refuse' | 'off';
  installIoAdapter: boolean;
  metrics: ResolvedMetricsOptions;
  logging: ResolvedLoggingOptions;
  adminUi: ResolvedAdminUiOptions;
}
