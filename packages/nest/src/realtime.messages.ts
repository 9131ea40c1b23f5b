import { relative } from 'node:path';
import type { BelowFloor } from './supply-chain/dependency-floors';

/**
 * Problems found in the options at start-up. Each names the option by its path and says how to
 * fix it; {@link RealtimeConfigError} lists all of them at once.
 */
export const OptionMessages = {
  notAnObject: () => 'the options must be an object; pass at least { auth: { secret } }.',
  missingAuth: () =>
    'auth is required. Pass { auth: { secret } } for HS256 tokens, { auth: { publicKey, algorithms } } for RS/PS/ES tokens, or { auth: { verify } } for a custom verifier (e.g. a JWKS through jose).',
  missingKey: () => 'auth needs one of secret, publicKey or verify. A server that verifies nothing would accept anyone.',
  severalKeys: (given: readonly string[]) =>
    `auth takes exactly one of secret, publicKey or verify; got ${given.join(' and ')}. Keep the one your tokens are signed for.`,
  secretType: () => 'auth.secret must be a string or a Buffer.',
  emptySecret: () => 'auth.secret is empty. Set it from your JWT secret (e.g. JWT_SECRET).',
  shortSecret: (length: number) =>
    `auth.secret has ${length} bytes; HMAC secrets need at least 32 bytes to resist brute force. Use a longer random secret.`,
  publicKeyNeedsAlgorithms: () =>
    "auth.publicKey requires auth.algorithms (e.g. ['RS256']) so the token header can never choose the algorithm.",
  invalidPublicKey: (reason: string) => `auth.publicKey is not a usable public key (${reason}). Pass the PEM of an RSA or EC public key.`,
  algorithmsType: () => "auth.algorithms must be a non-empty array, e.g. ['HS256'].",
  algorithmMismatch: (algorithm: string, keyKind: string) =>
    `auth.algorithms: '${algorithm}' does not fit a ${keyKind}. Use HS* with secret and RS*/PS*/ES* with publicKey.`,
  unknownAlgorithm: (algorithm: unknown) =>
    `auth.algorithms: unsupported algorithm ${JSON.stringify(algorithm)}. Use one of HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512; 'none' is never accepted.`,
  ignoredWithVerify: (option: string) =>
    `auth.${option} has no effect with auth.verify: the custom verifier replaces the built-in check. Enforce it inside verify, or drop the option.`,
  claimList: (option: string) => `auth.${option} must be a non-empty string or an array of non-empty strings.`,
  nonNegativeSeconds: (name: string, value: unknown) => `${name} must be a finite number of seconds, 0 or more; got ${JSON.stringify(value)}.`,
  positiveSeconds: (name: string, value: unknown) => `${name} must be a positive number of seconds; got ${JSON.stringify(value)}.`,
  notFunction: (option: string, signature: string) => `${option} must be a function ${signature}.`,
  redactHeaders: (value: unknown) =>
    `auth.redactHeaders must be an array of HTTP header names, e.g. ['cookie', 'x-api-key'] (or [] to keep every header); got ${JSON.stringify(value)}.`,
  namespace: (namespace: unknown) => `namespace must be a string starting with '/', e.g. '/rca'; got ${JSON.stringify(namespace)}.`,
  positiveInteger: (name: string, value: unknown) =>
    `${name} must be a positive integer (milliseconds or bytes); got ${JSON.stringify(value)}.`,
  port: (value: unknown) => `port must be an integer from 1 to 65535; got ${JSON.stringify(value)}.`,
  path: (value: unknown) => `path must be a string starting with '/', e.g. '/socket.io'; got ${JSON.stringify(value)}.`,
  transports: (value: unknown) => `transports must be a non-empty array of 'websocket' and 'polling'; got ${JSON.stringify(value)}.`,
  roomsType: () => 'rooms must be an object keyed by resource kind, e.g. { rca: { authorize } }.',
  roomKind: (kind: string, problem: string) => `room kind '${kind}' is invalid: ${problem}.`,
  dependencyFloors: (value: unknown) => `dependencyFloors must be 'warn', 'refuse' or 'off'; got ${JSON.stringify(value)}.`,
  healthPath: (path: unknown) => `health.path must be a string starting with '/', e.g. '/realtime/health'; got ${JSON.stringify(path)}.`,
  presenceStore: () => "presence must be 'memory', { store: 'redis', url | client }, or { store: yourPresenceStore }.",
  redisConnection: (path: string) =>
    `${path}client / ${path}url: pass exactly one of \`client\` (an ioredis client or Cluster) and \`url\` (a Redis URL such as 'redis://127.0.0.1:6379').`,
  redisKeyPrefix: (path: string) => `${path}keyPrefix must be a non-empty string without '{' or '}' (they would break Cluster hash tags).`,
  redisPositiveMs: (path: string, option: string, value: unknown) =>
    `${path}${option} must be a positive number of milliseconds; got ${JSON.stringify(value)}.`,
  redisRefreshBelowTtl: (path: string, refreshIntervalMs: number, ttlMs: number) =>
    `${path}refreshIntervalMs (${refreshIntervalMs}) must be below ttlMs (${ttlMs}), or live connections would expire between refreshes; about ttlMs / 3 is a good value.`,
  origins: () => "origins must be { allow: ['https://app.example.com', 'https://*.example.com'], allowMissing?: boolean }.",
  originEntries: (invalid: readonly unknown[]) =>
    `origins.allow: ${invalid.map((entry) => JSON.stringify(entry)).join(', ')} ${invalid.length === 1 ? 'is not an origin' : 'are not origins'}. Use exact origins such as 'https://app.example.com' (scheme, host, optional port; no path) or 'https://*.example.com' for subdomains.`,
  booleanOption: (name: string, value: unknown) => `${name} must be true or false; got ${JSON.stringify(value)}.`,
  limitsType: () => 'limits must be an object, e.g. { maxConnectionsPerUser: 20, rateLimit: { perSocket: { points: 30, duration: 1 } } }.',
  rateLimitRule: (name: string, value: unknown) =>
    `${name} must be { points, duration } with a positive integer number of points and a whole number of seconds (at least 1), or false; got ${JSON.stringify(value)}.`,
  capOption: (name: string, value: unknown) => `${name} must be a positive integer or false (no cap); got ${JSON.stringify(value)}.`,
  limitsStore: () => "limits.store must be 'memory' or { redis: ioredisClient | 'redis://…', keyPrefix? }.",
  limitsKeyPrefix: () => 'limits.store.keyPrefix must be a non-empty string without \'{\' or \'}\' (they would break Cluster hash tags).',
  adapterType: (type: unknown) =>
    `adapter.type must be 'redis' (Pub/Sub, add sharded: true for Redis 7 sharded Pub/Sub) or 'redis-streams'; got ${JSON.stringify(type)}. Leave adapter out for one process.`,
  adapterConnection: () =>
    "adapter: pass exactly one of `url` (a Redis URL such as 'redis://127.0.0.1:6379') and `client` (an ioredis client or Cluster, optionally with `subClient`).",
  adapterSubClientWithStreams: () => 'adapter.subClient has no use with the redis-streams adapter: it reads the stream on duplicates of `client`. Drop subClient.',
  adapterKeyPrefix: (value: unknown) =>
    `adapter.keyPrefix must be a non-empty string without spaces, glob characters or braces (they would act as patterns or pick a Cluster slot); got ${JSON.stringify(value)}.`,
  adapterNeedsSharedPresence: (type: string) =>
    `adapter '${type}' shares events between processes, but presence is kept in memory, per process: every process would count only its own users and announce them separately. Add presence: { store: 'redis', url } (or your own shared store).`,
  reservedServerOption: (option: 'adapter' | 'connectionStateRecovery') =>
    option === 'adapter'
      ? "serverOptions.adapter is set by the module: use the adapter option ({ type: 'redis' | 'redis-streams', url }) instead."
      : 'serverOptions.connectionStateRecovery would restore sessions before the token is checked: use the recovery option ({ maxDisconnectionMs }) instead.',
  recoveryType: () => 'recovery must be an object such as { maxDisconnectionMs: 120000 }.',
  recoveryNeedsStreams: (sharded: boolean) =>
    `recovery: the ${sharded ? 'sharded' : 'classic'} Redis Pub/Sub adapter cannot recover connection state (Pub/Sub keeps no history). Use adapter { type: 'redis-streams' }, or drop recovery.`,
  missingPeer: (packageName: string, feature: string) =>
    `${feature} needs the optional peer dependency ${packageName}: run \`npm install ${packageName}\`.`,
  metricsType: () => 'metrics must be true, false or { meterProvider?, tenantLabel? }.',
  meterProvider: () =>
    'metrics.meterProvider must be an OpenTelemetry MeterProvider (an object with getMeter(name, version)), e.g. new MeterProvider({ readers: [exporter] }) from @opentelemetry/sdk-metrics; leave it out to use the global one.',
  tenantLabel: (value: unknown) =>
    `metrics.tenantLabel must be false, { allow: ['acme', …] } (exactly these tenants) or { max: N } (the first N tenants seen, N a positive integer); every other tenant is counted as 'other'. Got ${JSON.stringify(value)}.`,
  tenantLabelReserved: (value: string) =>
    `metrics.tenantLabel.allow lists '${value}', the label every tenant outside the list is counted under; drop it from the list.`,
  loggingType: () => "logging must be an object such as { format: 'object', levels: { pong: false } }.",
  logFormat: (value: unknown) => `logging.format must be 'text' or 'object'; got ${JSON.stringify(value)}.`,
  logMessageKey: (value: unknown) => `logging.messageKey must be 'msg' (pino) or 'message' (winston); got ${JSON.stringify(value)}.`,
  logLevelEvent: (event: string, events: readonly string[]) => `logging.levels.${event} is not a logged event; use ${events.join(', ')}.`,
  logLevel: (event: string, value: unknown) =>
    `logging.levels.${event} must be 'verbose', 'debug', 'log', 'warn', 'error' or false (not logged); got ${JSON.stringify(value)}.`,
  adminUiType: () => "adminUi must be { username, passwordHash, readonly?, mode?, namespace?, serverId? }.",
  adminUiUsername: () => 'adminUi.username must be a non-empty string.',
  adminUiPasswordHash: () =>
    "adminUi.passwordHash must be a bcrypt hash (60 characters starting with $2a$, $2b$ or $2y$), never the password itself: create one with `node -e \"console.log(require('bcryptjs').hashSync(process.argv[1], 12))\" 'the password'`.",
  adminUiNamespace: (value: unknown, moduleNamespace: string) =>
    `adminUi.namespace must be a namespace such as '/admin', other than '/' and the module's ${JSON.stringify(moduleNamespace)}; got ${JSON.stringify(value)}.`,
  adminUiMode: (value: unknown) => `adminUi.mode must be 'production' or 'development'; got ${JSON.stringify(value)}.`,
  adminUiServerId: () => 'adminUi.serverId must be a non-empty string.',
} as const;

/** What the boot-time check of the packages serving Socket.IO reports. */
export const DependencyFloorMessages = {
  belowFloor: (copies: readonly BelowFloor[], cwd: string) => {
    const listed = copies.map((copy) => `${copy.name} ${copy.version} from ${relative(cwd, copy.directory) || copy.directory}, below ${copy.floor}`).join('; ');
    // npm refuses an override that differs from a direct dependency's range; socket.io is one
    // (a peer of this package), so its override points at that dependency instead.
    const socketIo = copies.find((copy) => copy.name === 'socket.io');
    const overrides = JSON.stringify(Object.fromEntries(copies.map((copy) => [copy.name, copy.name === 'socket.io' ? '$socket.io' : `^${copy.floor}`])));
    const dependency = socketIo ? `list "socket.io": "^${socketIo.floor}" (or later) in dependencies and ` : '';
    return (
      `Socket.IO is served by ${listed} (the versions that close known vulnerabilities). ` +
      `Fix: in the app's package.json, ${dependency}add "overrides": ${overrides} so that every copy follows (pnpm: "pnpm": { "overrides": … }, yarn: "resolutions"); ` +
      `reinstall and confirm with \`npm ls ${copies.map((copy) => copy.name).join(' ')}\`. dependencyFloors: 'refuse' stops such a boot, 'off' skips this check.`
    );
  },
  untraced: (names: readonly string[]) =>
    `Could not trace the copy of ${names.join(', ')} serving Socket.IO to an installed package (a bundled build, or a replacement such as a custom wsEngine or parser); check it against the floors in the security guide with \`npm ls ${names.join(' ')}\`, or set dependencyFloors: 'off'.`,
} as const;
