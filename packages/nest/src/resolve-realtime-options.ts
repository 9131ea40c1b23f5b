import { isValidRoomComponent, roomComponentProblem, type RealtimeUser } from '@tenantcast/protocol';
import { OptionMessages } from './realtime.messages';
import type {
  JwtAlgorithm,
  RealtimeAuthOptions,
  RealtimeModuleOptions,
  RealtimePresenceOption,
  RoomKindOptions,
} from './realtime-options.interface';

/** The module's options after validation, with every default filled in. */
export interface ResolvedRealtimeOptions {
  auth: RealtimeAuthOptions & { algorithms: JwtAlgorithm[]; clockToleranceSeconds: number; expiryWarningMs: number; allowQueryToken: boolean };
  namespace: string;
  port: number | undefined;
  /** `undefined` for Socket.IO's default (`/socket.io`). */
  path: string | undefined;
  cors: RealtimeModuleOptions['cors'];
  transports: Array<'websocket' | 'polling'>;
  allowUpgrades: boolean;
  pingInterval: number;
  pingTimeout: number;
  maxPayloadBytes: number;
  connectTimeout: number;
  serverOptions: NonNullable<RealtimeModuleOptions['serverOptions']>;
  rooms: ReadonlyMap<string, RoomKindOptions>;
  presence: RealtimePresenceOption;
  presenceMeta: (user: RealtimeUser) => Record<string, unknown>;
  health: { enabled: boolean; path: string };
}

const HMAC_ALGORITHMS = new Set(['HS256', 'HS384', 'HS512']);
const ASYMMETRIC_ALGORITHMS = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']);
const MIN_SECRET_BYTES = 32;

/**
 * Validates the options once at start-up and fills in defaults, so that a misconfiguration fails
 * the boot with a message that names the fix instead of failing the first handshake.
 */
export function resolveRealtimeOptions(options: RealtimeModuleOptions): ResolvedRealtimeOptions {
  const namespace = options.namespace ?? '/';
  if (typeof namespace !== 'string' || !namespace.startsWith('/')) throw new Error(OptionMessages.namespace(namespace));
  if (options.port !== undefined && (!Number.isInteger(options.port) || options.port < 1 || options.port > 65535)) {
    throw new Error(OptionMessages.port(options.port));
  }
  const transports = options.transports ?? ['websocket', 'polling'];
  if (!Array.isArray(transports) || transports.length === 0 || transports.some((t) => t !== 'websocket' && t !== 'polling')) {
    throw new Error(OptionMessages.transports(transports));
  }
  const health = options.health === false ? { enabled: false, path: '' } : { enabled: options.health?.enabled ?? true, path: options.health?.path ?? '/realtime/health' };
  if (health.enabled && (typeof health.path !== 'string' || !health.path.startsWith('/'))) {
    throw new Error(OptionMessages.healthPath(health.path));
  }
  return {
    auth: resolveAuth(options.auth),
    namespace,
    port: options.port,
    path: options.path,
    cors: options.cors,
    transports,
    allowUpgrades: options.allowUpgrades ?? true,
    pingInterval: positiveInteger('pingInterval', options.pingInterval, 25_000),
    pingTimeout: positiveInteger('pingTimeout', options.pingTimeout, 20_000),
    maxPayloadBytes: positiveInteger('maxPayloadBytes', options.maxPayloadBytes, 65_536),
    connectTimeout: positiveInteger('connectTimeout', options.connectTimeout, 10_000),
    serverOptions: options.serverOptions ?? {},
    rooms: resolveRooms(options.rooms ?? {}),
    presence: resolvePresence(options.presence ?? 'memory'),
    presenceMeta: options.presenceMeta ?? defaultPresenceMeta,
    health,
  };
}

function resolveAuth(auth: RealtimeAuthOptions | undefined): ResolvedRealtimeOptions['auth'] {
  if (!auth || typeof auth !== 'object') throw new Error(OptionMessages.missingAuth());
  const { secret, publicKey, verify } = auth;
  if (secret === undefined && publicKey === undefined && verify === undefined) throw new Error(OptionMessages.missingKey());
  if (secret !== undefined) {
    const length = typeof secret === 'string' ? Buffer.byteLength(secret) : secret.length;
    if (length === 0) throw new Error(OptionMessages.emptySecret());
    if (length < MIN_SECRET_BYTES) throw new Error(OptionMessages.shortSecret(length));
  }
  if (publicKey !== undefined && !auth.algorithms?.length) throw new Error(OptionMessages.publicKeyNeedsAlgorithms());
  const algorithms = auth.algorithms ?? ['HS256'];
  for (const algorithm of algorithms) {
    if (!HMAC_ALGORITHMS.has(algorithm) && !ASYMMETRIC_ALGORITHMS.has(algorithm)) throw new Error(OptionMessages.unknownAlgorithm(algorithm));
    if (verify === undefined && secret !== undefined && !HMAC_ALGORITHMS.has(algorithm)) {
      throw new Error(OptionMessages.algorithmMismatch(algorithm, 'shared secret'));
    }
    if (verify === undefined && publicKey !== undefined && !ASYMMETRIC_ALGORITHMS.has(algorithm)) {
      throw new Error(OptionMessages.algorithmMismatch(algorithm, 'public key'));
    }
  }
  return {
    ...auth,
    algorithms,
    clockToleranceSeconds: auth.clockToleranceSeconds ?? 5,
    expiryWarningMs: positiveInteger('auth.expiryWarningMs', auth.expiryWarningMs, 60_000),
    allowQueryToken: auth.allowQueryToken ?? false,
  };
}

function resolveRooms(rooms: Record<string, RoomKindOptions>): ReadonlyMap<string, RoomKindOptions> {
  const resolved = new Map<string, RoomKindOptions>();
  for (const [kind, kindOptions] of Object.entries(rooms)) {
    if (!isValidRoomComponent(kind, 'kind')) throw new Error(OptionMessages.roomKind(kind, roomComponentProblem(kind, 'kind') ?? ''));
    if (kindOptions?.authorize !== undefined && typeof kindOptions.authorize !== 'function') {
      throw new Error(OptionMessages.authorizeNotFunction(kind));
    }
    resolved.set(kind, kindOptions ?? {});
  }
  return resolved;
}

function resolvePresence(presence: RealtimePresenceOption): RealtimePresenceOption {
  if (presence === 'memory') return presence;
  if (typeof presence !== 'object' || presence === null) throw new Error(OptionMessages.presenceStore());
  if (presence.store === 'redis') {
    if (!presence.client && !presence.url) throw new Error(OptionMessages.redisPresence());
    return presence;
  }
  if (typeof presence.store === 'object' && presence.store !== null && typeof presence.store.addConnection === 'function') return presence;
  throw new Error(OptionMessages.presenceStore());
}

function positiveInteger(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) throw new Error(OptionMessages.positiveInteger(name, value));
  return value;
}

function defaultPresenceMeta(user: RealtimeUser): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  if (user.role !== undefined) meta.role = user.role;
  if (user.email !== undefined) meta.email = user.email;
  return meta;
}
