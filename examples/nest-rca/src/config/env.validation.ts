import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EnvValidationError } from './env-validation.error';

/** The example's settings, read from the environment and validated. */
export interface AppEnv {
  /** HTTP port (`PORT`); 0 picks a free one. */
  port: number;
  /** Interface the HTTP server (and Socket.IO's own port) listens on (`HOST`). */
  host: string;
  /** Own port for Socket.IO (`WEBSOCKET_PORT`); undefined serves it on the HTTP port. */
  websocketPort: number | undefined;
  /** Socket.IO namespace (`WEBSOCKET_NAMESPACE`). */
  websocketNamespace: string;
  /** Milliseconds between server pings (`WEBSOCKET_PING_INTERVAL`). */
  websocketPingInterval: number;
  /** Milliseconds to wait for a pong (`WEBSOCKET_PING_TIMEOUT`). */
  websocketPingTimeout: number;
  /** Front-end origins allowed by CORS (`CORS_ORIGIN`, comma-separated). */
  corsOrigins: string[];
  /** HS256 secret (`JWT_SECRET`); undefined only with `DEMO_AUTH=true`. */
  jwtSecret: string | undefined;
  /** Redis for presence (`REDIS_URL`); undefined keeps presence in memory. */
  redisUrl: string | undefined;
  /** Key prefix of the Redis presence store (`REDIS_KEY_PREFIX`); undefined uses the library's. */
  redisKeyPrefix: string | undefined;
  /** How events reach the other copies (`REALTIME_ADAPTER`); undefined runs one process. Needs `REDIS_URL`. */
  realtimeAdapter: RealtimeAdapterName | undefined;
  /** Seconds a crashed copy's connections keep counting (`PRESENCE_TTL_SECONDS`); undefined uses the library's 30. */
  presenceTtlSeconds: number | undefined;
  /** Seconds between sweeps for a crashed copy's connections (`PRESENCE_SWEEP_SECONDS`); undefined uses ttl / 3. */
  presenceSweepSeconds: number | undefined;
  /** Serve `POST /auth/dev-token` (`DEMO_AUTH`). */
  demoAuth: boolean;
  /** The built React dashboard served at `/` (`DASHBOARD_DIR`, absolute); undefined serves none. */
  dashboardDir: string | undefined;
  /** Serve the OpenTelemetry metrics at `GET /metrics` in the Prometheus format (`METRICS`). */
  metrics: boolean;
}

/** Values of `REALTIME_ADAPTER`. */
export type RealtimeAdapterName = 'redis' | 'redis-sharded' | 'redis-streams';
const ADAPTERS: readonly RealtimeAdapterName[] = ['redis', 'redis-sharded', 'redis-streams'];

const ENV_DEFAULTS = {
  PORT: 3000,
  HOST: '127.0.0.1',
  WEBSOCKET_NAMESPACE: '/rca',
  WEBSOCKET_PING_INTERVAL: 25_000,
  WEBSOCKET_PING_TIMEOUT: 20_000,
  CORS_ORIGIN: 'http://localhost:5173',
} as const;

/** HS256 needs a key at least as long as its 32-byte hash; the library refuses shorter ones. */
const MIN_SECRET_BYTES = 32;
/** An IPv4 or IPv6 address or a host name: letters, digits, '.', '-', ':' (IPv6) only. */
const HOST_PATTERN = /^[A-Za-z0-9.:-]+$/;
const NAMESPACE_PATTERN = /^\/[A-Za-z0-9_\-/]*$/;
// Braces would break the store's `{tenantId}` Cluster hash tag; glob characters would act as patterns.
const KEY_PREFIX_PATTERN = /^[A-Za-z0-9_.:-]+$/;
const GENERATE_SECRET_HINT = "generate one with `node -e \"console.log(require('crypto').randomBytes(48).toString('base64url'))\"`";

type Source = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates the environment. Empty values count as unset, as in most `.env` loaders;
 * values are never trimmed, so a secret is used exactly as given.
 *
 * @throws EnvValidationError listing every problem with the fix
 */
export function validateEnv(source: Source): AppEnv {
  const problems: string[] = [];
  const read = (name: string): string | undefined => {
    const value = source[name];
    return value === '' ? undefined : value;
  };
  /** A whole number in [min, max], or undefined when unset or invalid (which records a problem). */
  const integer = (name: string, min: number, max: number, meaning: string): number | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    const value = Number(raw);
    if (/^\d+$/.test(raw) && value >= min && value <= max) return value;
    const fallback = name in ENV_DEFAULTS ? ` (default ${ENV_DEFAULTS[name as keyof typeof ENV_DEFAULTS]})` : '';
    problems.push(`${name} must be ${meaning} between ${min} and ${max}${fallback}; got '${raw}'.`);
    return undefined;
  };

  const demoAuth = parseBoolean(read('DEMO_AUTH'), 'DEMO_AUTH', problems);
  const port = integer('PORT', 0, 65_535, 'a port number') ?? ENV_DEFAULTS.PORT;
  const websocketPort = integer('WEBSOCKET_PORT', 1, 65_535, 'a port number (or unset to serve Socket.IO on PORT)');
  if (websocketPort !== undefined && websocketPort === port) {
    problems.push(`WEBSOCKET_PORT equals PORT (${port}); unset WEBSOCKET_PORT to serve Socket.IO on the HTTP port, or pick another port.`);
  }
  const websocketNamespace = read('WEBSOCKET_NAMESPACE') ?? ENV_DEFAULTS.WEBSOCKET_NAMESPACE;
  if (!NAMESPACE_PATTERN.test(websocketNamespace)) {
    problems.push(`WEBSOCKET_NAMESPACE must start with '/' and use letters, digits, '_', '-' and '/' only (default ${ENV_DEFAULTS.WEBSOCKET_NAMESPACE}); got '${websocketNamespace}'.`);
  }
  const milliseconds = 'a whole number of milliseconds';
  const websocketPingInterval = integer('WEBSOCKET_PING_INTERVAL', 1, 3_600_000, milliseconds) ?? ENV_DEFAULTS.WEBSOCKET_PING_INTERVAL;
  const websocketPingTimeout = integer('WEBSOCKET_PING_TIMEOUT', 1, 3_600_000, milliseconds) ?? ENV_DEFAULTS.WEBSOCKET_PING_TIMEOUT;

  const host = read('HOST') ?? ENV_DEFAULTS.HOST;
  if (!HOST_PATTERN.test(host)) {
    problems.push(`HOST must be an IP address or host name to listen on, such as 127.0.0.1 (the default: this machine only) or 0.0.0.0 (every interface, e.g. in a container); got '${host}'.`);
  }

  const env: AppEnv = {
    port,
    host,
    websocketPort,
    websocketNamespace,
    websocketPingInterval,
    websocketPingTimeout,
    corsOrigins: parseOrigins(read('CORS_ORIGIN') ?? ENV_DEFAULTS.CORS_ORIGIN, problems),
    jwtSecret: checkSecret(read('JWT_SECRET'), demoAuth, problems),
    ...checkRedis(read('REDIS_URL'), read('REDIS_KEY_PREFIX'), problems),
    ...checkScaling(read, problems),
    demoAuth,
    dashboardDir: checkDashboardDir(read('DASHBOARD_DIR'), problems),
    metrics: parseBoolean(read('METRICS'), 'METRICS', problems),
  };
  if (problems.length > 0) throw new EnvValidationError(problems);
  return env;
}

function parseBoolean(raw: string | undefined, name: string, problems: string[]): boolean {
  if (raw === undefined) return false;
  const value = raw.toLowerCase();
  if (value === 'true' || value === 'false') return value === 'true';
  problems.push(`${name} must be 'true' or 'false' (default false); got '${raw}'.`);
  return false;
}

function parseOrigins(raw: string, problems: string[]): string[] {
  const origins = raw.split(',').map((origin) => origin.trim()).filter((origin) => origin !== '');
  const invalid = origins.filter((origin) => !isOrigin(origin));
  if (origins.length === 0 || invalid.length > 0) {
    problems.push(
      `CORS_ORIGIN must be one or more comma-separated origins such as ${ENV_DEFAULTS.CORS_ORIGIN} (scheme, host and optional port, no path or '*'); got '${raw}'.`,
    );
  }
  return origins;
}

function isOrigin(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

function checkSecret(secret: string | undefined, demoAuth: boolean, problems: string[]): string | undefined {
  if (secret === undefined) {
    if (!demoAuth) problems.push(`JWT_SECRET is not set: set it to the secret your auth service signs HS256 tokens with (at least ${MIN_SECRET_BYTES} bytes; ${GENERATE_SECRET_HINT}), or set DEMO_AUTH=true to try the example with a generated secret.`);
    return undefined;
  }
  const bytes = Buffer.byteLength(secret, 'utf8');
  if (bytes < MIN_SECRET_BYTES) problems.push(`JWT_SECRET is ${bytes} bytes; it must be at least ${MIN_SECRET_BYTES} bytes: ${GENERATE_SECRET_HINT}.`);
  return secret;
}

function checkRedis(url: string | undefined, keyPrefix: string | undefined, problems: string[]): Pick<AppEnv, 'redisUrl' | 'redisKeyPrefix'> {
  if (url !== undefined && !isRedisUrl(url)) {
    problems.push(`REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (or unset for in-memory presence); got '${url}'.`);
  }
  if (keyPrefix !== undefined && url === undefined) {
    problems.push('REDIS_KEY_PREFIX is set but REDIS_URL is not: set REDIS_URL to keep presence in Redis, or unset REDIS_KEY_PREFIX.');
  }
  if (keyPrefix !== undefined && !KEY_PREFIX_PATTERN.test(keyPrefix)) {
    problems.push(`REDIS_KEY_PREFIX may use letters, digits, '_', '.', ':' and '-' only; got '${keyPrefix}'.`);
  }
  return { redisUrl: url, redisKeyPrefix: keyPrefix };
}

function checkScaling(
  read: (name: string) => string | undefined,
  problems: string[],
): Pick<AppEnv, 'realtimeAdapter' | 'presenceTtlSeconds' | 'presenceSweepSeconds'> {
  const hasRedis = read('REDIS_URL') !== undefined;
  const adapter = read('REALTIME_ADAPTER');
  if (adapter !== undefined && !ADAPTERS.includes(adapter as RealtimeAdapterName)) {
    problems.push(`REALTIME_ADAPTER must be one of ${ADAPTERS.join(', ')} (or unset for one process); got '${adapter}'.`);
  }
  if (adapter !== undefined && !hasRedis) problems.push('REALTIME_ADAPTER is set but REDIS_URL is not: the adapters and shared presence need Redis.');
  const seconds = (name: string): number | undefined => {
    const raw = read(name);
    if (raw === undefined) return undefined;
    if (!hasRedis) problems.push(`${name} is set but REDIS_URL is not: only Redis presence expires.`);
    const value = Number(raw);
    if (/^\d+(\.\d+)?$/.test(raw) && value > 0) return value;
    problems.push(`${name} must be a positive number of seconds (e.g. 30 or 1.5); got '${raw}'.`);
    return undefined;
  };
  const presenceTtlSeconds = seconds('PRESENCE_TTL_SECONDS');
  const presenceSweepSeconds = seconds('PRESENCE_SWEEP_SECONDS');
  return { realtimeAdapter: adapter as RealtimeAdapterName | undefined, presenceTtlSeconds, presenceSweepSeconds };
}

function isRedisUrl(value: string): boolean {
  try {
    const { protocol, hostname } = new URL(value);
    return (protocol === 'redis:' || protocol === 'rediss:') && hostname !== '';
  } catch {
    return false;
  }
}

function checkDashboardDir(dir: string | undefined, problems: string[]): string | undefined {
  if (dir === undefined) return undefined;
  const absolute = resolve(dir);
  if (!existsSync(join(absolute, 'index.html'))) {
    problems.push(`DASHBOARD_DIR=${dir} has no index.html: build the dashboard first (npm run build -w react-dashboard, then DASHBOARD_DIR=examples/react-dashboard/dist), or unset DASHBOARD_DIR.`);
  }
  return absolute;
}
