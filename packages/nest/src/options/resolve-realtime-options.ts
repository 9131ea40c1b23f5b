import { isValidRoomComponent, roomComponentProblem, type RealtimeUser } from '@tenantcast/protocol';
import { OptionMessages } from '../realtime.messages';
import type { RealtimeModuleOptions, RoomKindOptions } from '../realtime-options.interface';
import { OptionProblems } from './option-problems';
import { optionalPositiveInteger } from './option-values';
import { resolveAdminUiOptions } from './resolve-admin-ui-options';
import { checkPresenceFitsAdapter, resolveAdapterOptions, resolveRecoveryOptions } from './resolve-adapter-options';
import { resolveAuthOptions } from './resolve-auth-options';
import { resolveLimitsOptions } from './resolve-limits-options';
import { resolveLoggingOptions } from './resolve-logging-options';
import { resolveMetricsOptions } from './resolve-metrics-options';
import { resolveOriginOptions } from './resolve-origin-options';
import { resolvePresenceOptions } from './resolve-presence-options';
import type { ResolvedHealthOptions, ResolvedRealtimeOptions } from './resolved-realtime-options';

const TRANSPORTS: ReadonlySet<unknown> = new Set(['websocket', 'polling']);
const DEPENDENCY_FLOOR_MODES: ReadonlySet<unknown> = new Set(['warn', 'refuse', 'off']);

/**
 * Validates the options once at start-up and fills in defaults, so that a misconfiguration fails
 * the boot, listing every problem with its fix, instead of failing the first handshake.
 *
 * @throws RealtimeConfigError naming every invalid option
 */
export function resolveRealtimeOptions(options: RealtimeModuleOptions): ResolvedRealtimeOptions {
  const problems = new OptionProblems();
  if (typeof options !== 'object' || options === null) {
    problems.add(OptionMessages.notAnObject());
    problems.throwIfAny('RealtimeModule');
  }
  const namespace = options.namespace ?? '/';
  if (typeof namespace !== 'string' || !namespace.startsWith('/')) problems.add(OptionMessages.namespace(namespace));
  if (options.port !== undefined && !(Number.isInteger(options.port) && options.port >= 1 && options.port <= 65535)) {
    problems.add(OptionMessages.port(options.port));
  }
  if (options.path !== undefined && (typeof options.path !== 'string' || !options.path.startsWith('/'))) problems.add(OptionMessages.path(options.path));
  const transports = options.transports ?? ['websocket', 'polling'];
  if (!Array.isArray(transports) || transports.length === 0 || transports.some((transport) => !TRANSPORTS.has(transport))) {
    problems.add(OptionMessages.transports(transports));
  }
  if (options.presenceMeta !== undefined && typeof options.presenceMeta !== 'function') {
    problems.add(OptionMessages.notFunction('presenceMeta', '(user) => Record<string, unknown>'));
  }
  for (const reserved of ['adapter', 'connectionStateRecovery'] as const) {
    if (options.serverOptions?.[reserved] !== undefined) problems.add(OptionMessages.reservedServerOption(reserved));
  }
  const presence = resolvePresenceOptions(options.presence ?? 'memory', problems);
  const adapter = resolveAdapterOptions(options.adapter, problems);
  checkPresenceFitsAdapter(adapter, presence, problems);
  const resolved: Omit<ResolvedRealtimeOptions, 'auth'> & { auth: ResolvedRealtimeOptions['auth'] | undefined } = {
    auth: resolveAuthOptions(options.auth, problems),
    namespace,
    port: options.port,
    path: options.path,
    cors: options.cors,
    transports,
    allowUpgrades: options.allowUpgrades ?? true,
    pingInterval: optionalPositiveInteger('pingInterval', options.pingInterval, 25_000, problems),
    pingTimeout: optionalPositiveInteger('pingTimeout', options.pingTimeout, 20_000, problems),
    maxPayloadBytes: optionalPositiveInteger('maxPayloadBytes', options.maxPayloadBytes, 65_536, problems),
    connectTimeout: optionalPositiveInteger('connectTimeout', options.connectTimeout, 10_000, problems),
    serverOptions: options.serverOptions ?? {},
    rooms: resolveRooms(options.rooms ?? {}, problems),
    presence,
    adapter,
    recovery: resolveRecoveryOptions(options.recovery, adapter, problems),
    presenceMeta: options.presenceMeta ?? defaultPresenceMeta,
    health: resolveHealth(options.health, problems),
    origins: resolveOriginOptions(options.origins, problems),
    limits: resolveLimitsOptions(options.limits, problems),
    dependencyFloors: resolveDependencyFloors(options.dependencyFloors, problems),
    installIoAdapter: resolveBoolean('installIoAdapter', options.installIoAdapter, true, problems),
    metrics: resolveMetricsOptions(options.metrics, problems),
    logging: resolveLoggingOptions(options.logging, problems),
    adminUi: resolveAdminUiOptions(options.adminUi, namespace, problems),
  };
  problems.throwIfAny('RealtimeModule');
  return resolved as ResolvedRealtimeOptions;
}

function resolveRooms(rooms: Record<string, RoomKindOptions>, problems: OptionProblems): ReadonlyMap<string, RoomKindOptions> {
  const resolved = new Map<string, RoomKindOptions>();
  if (typeof rooms !== 'object' || rooms === null || Array.isArray(rooms)) {
    problems.add(OptionMessages.roomsType());
    return resolved;
  }
  for (const [kind, kindOptions] of Object.entries(rooms)) {
    if (!isValidRoomComponent(kind, 'kind')) problems.add(OptionMessages.roomKind(kind, roomComponentProblem(kind, 'kind') ?? ''));
    if (kindOptions?.authorize !== undefined && typeof kindOptions.authorize !== 'function') {
      problems.add(OptionMessages.notFunction(`rooms.${kind}.authorize`, '(user, id, socket) => boolean | Promise<boolean>'));
    }
    resolved.set(kind, kindOptions ?? {});
  }
  return resolved;
}

function resolveHealth(health: RealtimeModuleOptions['health'], problems: OptionProblems): ResolvedHealthOptions {
  if (health === false || health?.enabled === false) return { enabled: false };
  const path = health?.path ?? '/realtime/health';
  if (typeof path !== 'string' || !path.startsWith('/')) problems.add(OptionMessages.healthPath(path));
  return { enabled: true, path };
}

function defaultPresenceMeta(user: RealtimeUser): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  if (user.role !== undefined) meta.role = user.role;
  if (user.email !== undefined) meta.email = user.email;
  return meta;
}

function resolveDependencyFloors(mode: RealtimeModuleOptions['dependencyFloors'], problems: OptionProblems): 'warn' | 'refuse' | 'off' {
  if (mode === undefined) return 'warn';
  if (DEPENDENCY_FLOOR_MODES.has(mode)) return mode;
  problems.add(OptionMessages.dependencyFloors(mode));
  return 'warn';
}

function resolveBoolean(name: string, value: unknown, fallback: boolean, problems: OptionProblems): boolean {
  if (value === undefined) return fallback;
  if (typeof value === 'boolean') return value;
  problems.add(OptionMessages.booleanOption(name, value));
  return fallback;
}
