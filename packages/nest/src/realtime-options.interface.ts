import type { RealtimeUser } from '@tenantcast/protocol';
import type { ServerOptions, Socket } from 'socket.io';
import type { RealtimeLimitsOptions } from './limits/realtime-limits-options.interface';
import type { RealtimeOriginOptions } from './origins/realtime-origin-options.interface';
import type { RealtimeAdapterOption, RealtimeRecoveryOptions } from './adapter/adapter-options.interface';
import type { RealtimeAdminUiOptions } from './admin-ui/realtime-admin-ui-options.interface';
import type { RealtimeLoggingOptions } from './logging/realtime-logging-options.interface';
import type { RealtimeMetricsOptions } from './metrics/realtime-metrics-options.interface';
import type { PresenceStore } from './presence/presence-store.interface';
import type { RedisPresenceOptions } from './presence/redis-presence-options.interface';

/** JWT signing algorithms the default verifier accepts. `none` is never accepted. */
export type JwtAlgorithm =
  | 'HS256' | 'HS384' | 'HS512'
  | 'RS256' | 'RS384' | 'RS512'
  | 'PS256' | 'PS384' | 'PS512'
  | 'ES256' | 'ES384' | 'ES512';

/** Claims of a verified token, as handed to {@link RealtimeAuthOptions.mapClaims}. */
export type JwtClaims = Record<string, unknown> & { exp?: number; sub?: unknown };

/** How handshakes are authenticated. */
export interface RealtimeAuthOptions {
  /**
   * Shared secret for HMAC algorithms (HS256 unless `algorithms` says otherwise), at least 32
   * bytes. Turned into a `KeyObject` once at start-up.
   * @default none; exactly one of `secret`, `publicKey`, `verify` is required
   */
  secret?: string | Buffer;
  /**
   * PEM public key (RSA or EC) for RS, PS or ES algorithms, which `algorithms` must name. Parsed
   * into a `KeyObject` once at start-up.
   * @default none; exactly one of `secret`, `publicKey`, `verify` is required
   */
  publicKey?: string | Buffer;
  /**
   * Accepted algorithms; the token header never chooses the algorithm.
   * @default ['HS256'] with `secret`; required with `publicKey`
   */
  algorithms?: JwtAlgorithm[];
  /**
   * The `iss` claim a token must carry (one of these, for an array); any other, or none, is
   * refused with `UNAUTHORIZED`. Built-in verification only: with `verify`, check it there.
   * @default undefined (`iss` is not checked)
   */
  issuer?: string | string[];
  /**
   * The `aud` claim a token must carry (one of these, for an array); any other, or none, is
   * refused with `UNAUTHORIZED`. Built-in verification only: with `verify`, check it there.
   * @default undefined (`aud` is not checked)
   */
  audience?: string | string[];
  /**
   * Seconds of clock skew tolerated on `exp` and `nbf`.
   * @default 5
   */
  clockToleranceSeconds?: number;
  /**
   * Refuse tokens issued longer ago than this many seconds (by `iat`; a token without `iat` is
   * refused too), with `UNAUTHORIZED` rather than `TOKEN_EXPIRED`, so a client does not answer it
   * with the same cached token. Built-in verification only: with `verify`, check it there.
   * @default undefined (no age limit; `exp` still applies)
   */
  maxTokenAgeSeconds?: number;
  /**
   * Custom verification, replacing the built-in `JwtService` check (for JWKS/RS256 through
   * `jose`, for example). Resolve with the verified claims; throw to refuse. A thrown error whose
   * `name` is `TokenExpiredError` or `JWTExpired`, or whose `code` is `TOKEN_EXPIRED` or
   * `ERR_JWT_EXPIRED`, is reported as `TOKEN_EXPIRED`. The claims must still carry `exp`.
   * With `verify`, the options of the built-in check (`algorithms`, `issuer`, `audience`,
   * `clockToleranceSeconds`, `maxTokenAgeSeconds`) are refused at start-up: enforce them inside
   * the hook.
   * @default none; exactly one of `secret`, `publicKey`, `verify` is required
   */
  verify?: (token: string) => Promise<JwtClaims> | JwtClaims;
  /**
   * Maps verified claims to the user put on `socket.data.user`. Return `undefined` to refuse.
   * The result's `userId` and `tenantId` are validated as room components either way.
   * @default claims `sub`, `tenantId`, `role`, `email`
   */
  mapClaims?: (claims: JwtClaims) => RealtimeUser | undefined | Promise<RealtimeUser | undefined>;
  /**
   * Also accept the token from the `?token=` query parameter. Off by default: query strings
   * end up in access logs.
   * @default false
   */
  allowQueryToken?: boolean;
  /**
   * Request headers taken out of `socket.handshake.headers` once the handshake is authenticated
   * (names are case-insensitive). The handshake travels: `fetchSockets()` and the adapters'
   * cross-process requests send it through Redis to the other processes, and code that logs a
   * socket logs it, so a credential in it would travel too. `authorization` is always taken out,
   * with the token; list here the other headers that carry credentials, such as
   * `['cookie', 'x-api-key']`, or pass `[]` to keep every header. On the process that holds the
   * socket, `socket.request.headers` still has them all, for a gateway that needs a cookie.
   * @default ['cookie']
   */
  redactHeaders?: string[];
  /**
   * Milliseconds before `exp` at which the server sends `token-expiring`. A connection whose
   * token is not refreshed by `exp` is closed with `TOKEN_EXPIRED`.
   * @default 60000
   */
  expiryWarningMs?: number;
  /**
   * Tells whether a verified token was revoked (a denylist keyed by `jti`, a "sessions revoked
   * before" time per user, …). Asked at every handshake, every in-band refresh and every
   * `RealtimeAuthService.verify`; `true` refuses the token with `UNAUTHORIZED`. A throw refuses it
   * too (fail closed): catch inside the hook to fail open while your denylist is away. To close
   * the sockets of a token revoked mid-connection, call `RealtimeService.disconnectUser`.
   * @default no token is revoked
   */
  isRevoked?: (claims: JwtClaims) => boolean | Promise<boolean>;
}

/** Options of one resource kind of room. */
export interface RoomKindOptions {
  /**
   * Decides whether `user` may join resource `id` of this kind. Runs on every join; the room's
   * tenant is always the user's own. A throw is treated as a refusal and logged.
   * @default allow every user of the tenant
   */
  authorize?: (user: RealtimeUser, id: string, socket: Socket) => boolean | Promise<boolean>;
}

/** Options of the health endpoint. */
export interface RealtimeHealthOptions {
  /**
   * Serve the endpoint.
   * @default true
   */
  enabled?: boolean;
  /**
   * Path on the app's HTTP server (outside any global prefix, like other probes).
   * @default '/realtime/health'
   */
  path?: string;
}

/** Where presence is kept. */
export type RealtimePresenceOption =
  | 'memory'
  | ({ store: 'redis' } & RedisPresenceOptions)
  | {
      /**
       * Your own {@link PresenceStore}, checked at start-up to have every method. The module uses
       * it as is and never closes it; inject it with `PRESENCE_STORE`, and prove it with the
       * contract suite of `@tenantcast/nest/testing`.
       */
      store: PresenceStore;
    };

/** Options of {@link RealtimeModule}. */
export interface RealtimeModuleOptions {
  /** Handshake authentication. */
  auth: RealtimeAuthOptions;
  /**
   * The Socket.IO namespace.
   * @default '/'
   */
  namespace?: string;
  /**
   * Serve Socket.IO on its own port instead of the app's HTTP server.
   * @default undefined (the app's HTTP server)
   */
  port?: number;
  /**
   * The Socket.IO path.
   * @default '/socket.io'
   */
  path?: string;
  /**
   * CORS for the HTTP long-polling transport, as Socket.IO's `cors` option: needed when pages of
   * another origin connect over polling. It does not protect WebSocket connections: use
   * `origins` for that.
   * @default undefined (no CORS headers: only same-origin pages can long-poll)
   */
  cors?: ServerOptions['cors'];
  /**
   * Transports the server accepts.
   * @default ['websocket', 'polling']
   */
  transports?: Array<'websocket' | 'polling'>;
  /**
   * Let clients that start on polling upgrade to WebSocket.
   * @default true
   */
  allowUpgrades?: boolean;
  /**
   * Milliseconds between pings.
   * @default 25000
   */
  pingInterval?: number;
  /**
   * Milliseconds to wait for a pong before closing the connection.
   * @default 20000
   */
  pingTimeout?: number;
  /**
   * Largest accepted message in bytes (Socket.IO's `maxHttpBufferSize`); a larger one closes that
   * connection. Socket.IO's own default (1 MB) is far above what realtime events need and lets one
   * client make the server buffer a lot; 64 KiB holds any chat message, form or JSON patch.
   * @default 65536
   */
  maxPayloadBytes?: number;
  /**
   * Milliseconds a client has to complete the namespace handshake after connecting.
   * @default 10000
   */
  connectTimeout?: number;
  /**
   * Which web pages may connect, checked on every handshake (polling and WebSocket) and on every
   * later request of a session. Without it any page can open a connection; with a token-based
   * handshake it still needs a valid token, but set it for every browser-facing deployment.
   * @default undefined (no origin check)
   */
  origins?: RealtimeOriginOptions;
  /** Rate limits, connection and room caps, payload limits; see {@link RealtimeLimitsOptions}. */
  limits?: RealtimeLimitsOptions;
  /**
   * Further Socket.IO server options; the named options above take precedence. `adapter` and
   * `connectionStateRecovery` are refused here: use the `adapter` and `recovery` options.
   * @default {} (Socket.IO's defaults, with `perMessageDeflate` and `allowEIO3` off)
   */
  serverOptions?: Partial<ServerOptions>;
  /**
   * Resource kinds clients may join, keyed by kind (lower-case), e.g. `{ rca: { authorize } }`.
   * @default {}
   */
  rooms?: Record<string, RoomKindOptions>;
  /**
   * Where presence is kept.
   * @default 'memory'
   */
  presence?: RealtimePresenceOption;
  /**
   * How events reach sockets on other processes: `{ type: 'redis', url }` (Pub/Sub; `sharded: true`
   * for Redis 7 sharded Pub/Sub) or `{ type: 'redis-streams', url }`. Needs shared presence
   * (`presence: { store: 'redis', ... }`). Polling clients then need sticky sessions.
   * @default undefined (one process, Socket.IO's in-memory adapter)
   */
  adapter?: RealtimeAdapterOption;
  /**
   * Connection state recovery: a client that drops for less than `maxDisconnectionMs` gets its
   * rooms and the events it missed, once its new token is verified and names the same user and
   * tenant. In-memory adapter (one process) or `redis-streams` only.
   * @default undefined (off)
   */
  recovery?: RealtimeRecoveryOptions;
  /**
   * Per-user metadata that presence shares with other users of the tenant.
   * @default user => ({ role: user.role, email: user.email }) without undefined fields
   */
  presenceMeta?: (user: RealtimeUser) => Record<string, unknown>;
  /** The health endpoint, or `false` to turn it off. */
  health?: RealtimeHealthOptions | false;
  /**
   * What to do at start-up when the socket.io, engine.io, ws or socket.io-parser copy that
   * actually serves the app is below the version that closes known vulnerabilities (an app's
   * lockfile can hold an older copy than it declares: `@nestjs/platform-socket.io` 10 brings
   * socket.io 4.8.1). `'warn'` logs the copies and the fix, `'refuse'` fails `app.init()` with a
   * `RealtimeConfigError`, `'off'` skips the check.
   * @default 'warn'
   */
  dependencyFloors?: 'warn' | 'refuse' | 'off';
  /**
   * Install {@link RealtimeIoAdapter} as the app's WebSocket adapter when the app sets none of its
   * own. It binds each socket's `@SubscribeMessage` handlers through plain listeners instead of an
   * RxJS pipeline per handler (Nest's `IoAdapter`), which saves several kilobytes per connection
   * and handler and much of the connect cost; handlers behave the same. An adapter the app sets
   * with `app.useWebSocketAdapter(...)` always wins. Set `false` to keep Nest's `IoAdapter`.
   * @default true
   */
  installIoAdapter?: boolean;
  /**
   * OpenTelemetry metrics through `@opentelemetry/api` (an optional peer dependency, loaded only
   * when this is on): connections, refusals, disconnects, joins, events, handshake and presence
   * durations, adapter errors, rate-limit hits, recoveries; see the metrics guide. `true` uses
   * the global MeterProvider without a tenant label.
   * @default false (nothing is loaded, created or measured)
   */
  metrics?: RealtimeMetricsOptions | boolean;
  /** How the connection lifecycle lines are written: text or objects, and each line's level. */
  logging?: RealtimeLoggingOptions;
  /**
   * The Socket.IO Admin UI (`@socket.io/admin-ui`, an optional peer dependency) on its own
   * namespace with its own credentials, read-only by default.
   * @default undefined (off)
   */
  adminUi?: RealtimeAdminUiOptions;
}
