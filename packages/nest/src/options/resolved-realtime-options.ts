import type { KeyObject } from 'node:crypto';
import type { RealtimeUser } from '@tenantcast/protocol';
import type { ServerOptions } from 'socket.io';
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
  /** Milliseconds before `exp` at which `token-expiring` is sent. */
  expiryWarningMs: number;
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

/** The health endpoint. */
export type ResolvedHealthOptions = { enabled: true; path: string } | { enabled: false };

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
  presenceMeta: (user: RealtimeUser) => Record<string, unknown>;
  health: ResolvedHealthOptions;
  dependencyFloors: 'warn' | 'refuse' | 'off';
}
