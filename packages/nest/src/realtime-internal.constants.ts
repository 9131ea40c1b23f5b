/*
 * DI tokens of the module's internal parts. Each is a `Symbol.for` key rather than a class, so the
 * ESM and the CommonJS build of this package (and the CommonJS copy of a part that an entry point
 * such as `terminus` bundles) name the same provider. Add one here for every new internal part;
 * see `shared-across-builds.ts` for the public classes.
 */

/** Token of the options after validation and defaults. */
export const RESOLVED_OPTIONS = Symbol.for('tenantcast.ResolvedRealtimeOptions');

/** Token of the provider that applies the resolved options to gateway classes before init. */
export const GATEWAY_METADATA_APPLIER = Symbol.for('tenantcast.GatewayMetadataApplier');

/** Token of the logger every part of the module writes to. */
export const REALTIME_LOGGER = Symbol.for('tenantcast.RealtimeLogger');

/** Token of the payload limits the emit helpers apply (`maxPayloadDepth`, `maxEmitBytes`). */
export const PAYLOAD_LIMITS = Symbol.for('tenantcast.PayloadLimits');

/** Token of the `NamespaceHost`. */
export const NAMESPACE_HOST = Symbol.for('tenantcast.NamespaceHost');

/** Token of the `TokenAuthenticator`. */
export const TOKEN_AUTHENTICATOR = Symbol.for('tenantcast.TokenAuthenticator');

/** Token of the `TokenExpiryScheduler`. */
export const TOKEN_EXPIRY_SCHEDULER = Symbol.for('tenantcast.TokenExpiryScheduler');

/** Token of the `PresenceTracker`. */
export const PRESENCE_TRACKER = Symbol.for('tenantcast.PresenceTracker');

/** Token of the `PresenceReader`. */
export const PRESENCE_READER = Symbol.for('tenantcast.PresenceReader');

/** Token of the `RoomMembership`. */
export const ROOM_MEMBERSHIP = Symbol.for('tenantcast.RoomMembership');

/** Token of the `ConnectionHandler`. */
export const CONNECTION_HANDLER = Symbol.for('tenantcast.ConnectionHandler');

/** Token of the `NamespaceBinding`. */
export const NAMESPACE_BINDING = Symbol.for('tenantcast.NamespaceBinding');

/** Token of the `RealtimeShutdown`. */
export const REALTIME_SHUTDOWN = Symbol.for('tenantcast.RealtimeShutdown');

/** Token of the `DependencyFloorCheck`. */
export const DEPENDENCY_FLOOR_CHECK = Symbol.for('tenantcast.DependencyFloorCheck');

/**
 * Alias of `RealtimeHealthService` for the module's own consumers (the health route, the terminus
 * indicator), so they resolve it even where class sharing cannot apply.
 */
export const REALTIME_HEALTH = Symbol.for('tenantcast.RealtimeHealthService');

/** Token of the `RealtimeLimits` (event guard and connection caps). */
export const REALTIME_LIMITS = Symbol.for('tenantcast.RealtimeLimits');

/** Token of the `RealtimeAdapter`. */
export const REALTIME_ADAPTER = Symbol.for('tenantcast.RealtimeAdapter');

/** Token of the `RecoveryGate`. */
export const RECOVERY_GATE = Symbol.for('tenantcast.RecoveryGate');

/** Token of the `ClusterMembership`. */
export const CLUSTER_MEMBERSHIP = Symbol.for('tenantcast.ClusterMembership');

/** Token of the provider that installs `RealtimeIoAdapter` while providers are created. */
export const IO_ADAPTER_INSTALLER = Symbol.for('tenantcast.IoAdapterInstaller');
/** Token of the `RealtimeObserver` every lifecycle point reports to (the log and the metrics). */
export const REALTIME_OBSERVER = Symbol.for('tenantcast.RealtimeObserver');

/** Token of the presence store the module's own parts use: the `PRESENCE_STORE`, timed while metrics are on. */
export const OBSERVED_PRESENCE_STORE = Symbol.for('tenantcast.ObservedPresenceStore');

/** Token of the `AdminUi` binding (`@socket.io/admin-ui`, when configured). */
export const ADMIN_UI = Symbol.for('tenantcast.AdminUi');
