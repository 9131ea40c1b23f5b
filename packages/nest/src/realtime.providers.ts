import { Logger, type Provider, type Type } from '@nestjs/common';
import { ApplicationConfig, DiscoveryService, HttpAdapterHost } from '@nestjs/core';
import { PROTOCOL_VERSION, type ServerSettings } from '@tenantcast/protocol';
import { AdminUi } from './admin-ui/admin-ui';
import { RealtimeAdapter } from './adapter/realtime-adapter';
import { RealtimeAuthService } from './auth/realtime-auth.service';
import { TokenAuthenticator } from './auth/token-authenticator';
import { TokenExpiryScheduler } from './auth/token-expiry.scheduler';
import type { PayloadLimits } from './broadcast/envelope-broadcaster';
import { applyGatewayMetadata } from './gateway/apply-gateway-metadata';
import { installIoAdapter } from './gateway/install-io-adapter';
import { ConnectionHandler } from './gateway/connection-handler';
import { NamespaceBinding } from './gateway/namespace-binding';
import { NamespaceHost } from './gateway/namespace-host';
import { HealthRouteRegistrar } from './health/health-route.registrar';
import { RealtimeHealthService } from './health/realtime-health.service';
import { RealtimeLimits } from './limits/realtime-limits';
import { RealtimeObserver } from './observability/realtime-observer';
import { resolveRealtimeOptions } from './options/resolve-realtime-options';
import type { ResolvedRealtimeOptions } from './options/resolved-realtime-options';
import { createPresenceStore, ownsPresenceStore } from './presence/create-presence-store';
import { PresenceReader } from './presence/presence-reader';
import type { PresenceStore } from './presence/presence-store.interface';
import { PresenceTracker } from './presence/presence-tracker';
import { LOGGER_CONTEXT, PRESENCE_STORE } from './realtime.constants';
import {
  ADMIN_UI,
  CLUSTER_MEMBERSHIP,
  CONNECTION_HANDLER,
  DEPENDENCY_FLOOR_CHECK,
  GATEWAY_METADATA_APPLIER,
  IO_ADAPTER_INSTALLER,
  NAMESPACE_BINDING,
  NAMESPACE_HOST,
  OBSERVED_PRESENCE_STORE,
  PAYLOAD_LIMITS,
  PRESENCE_READER,
  PRESENCE_TRACKER,
  REALTIME_ADAPTER,
  REALTIME_HEALTH,
  REALTIME_LIMITS,
  REALTIME_LOGGER,
  REALTIME_OBSERVER,
  REALTIME_SHUTDOWN,
  RECOVERY_GATE,
  RESOLVED_OPTIONS,
  ROOM_MEMBERSHIP,
  TOKEN_AUTHENTICATOR,
  TOKEN_EXPIRY_SCHEDULER,
} from './realtime-internal.constants';
import { REALTIME_MODULE_OPTIONS } from './realtime.module-definition';
import { RealtimeService } from './realtime.service';
import { RealtimeShutdown } from './realtime-shutdown';
import { PendingRecoveries } from './recovery/pending-recoveries';
import { RecoveryGate } from './recovery/recovery-gate';
import { ClusterMembership } from './rooms/cluster-membership';
import { RoomMembership } from './rooms/room-membership';
import { DependencyFloorCheck } from './supply-chain/dependency-floor.check';

/**
 * The providers of one module registration. Each part gets exactly what it uses, wired here once,
 * under a `Symbol.for` token (see shared-across-builds.ts); `gateway` is the gateway class minted
 * for this registration.
 */
export function createRealtimeProviders(gateway: Type): Provider[] {
  return [
    { provide: RESOLVED_OPTIONS, useFactory: resolveRealtimeOptions, inject: [REALTIME_MODULE_OPTIONS] },
    { provide: REALTIME_LOGGER, useFactory: () => new Logger(LOGGER_CONTEXT) },
    { provide: PRESENCE_STORE, useFactory: (options: ResolvedRealtimeOptions) => createPresenceStore(options.presence), inject: [RESOLVED_OPTIONS] },
    {
      provide: REALTIME_OBSERVER,
      useFactory: (options: ResolvedRealtimeOptions, logger: Logger) => RealtimeObserver.create(options, logger),
      inject: [RESOLVED_OPTIONS, REALTIME_LOGGER],
    },
    // The module's own parts see the store through the observer: timed while metrics are on.
    { provide: OBSERVED_PRESENCE_STORE, useFactory: (store: PresenceStore, observer: RealtimeObserver) => observer.instrumentPresence(store), inject: [PRESENCE_STORE, REALTIME_OBSERVER] },
    { provide: ADMIN_UI, useFactory: (options: ResolvedRealtimeOptions) => AdminUi.create(options.adminUi), inject: [RESOLVED_OPTIONS] },
    { provide: NAMESPACE_HOST, useFactory: () => new NamespaceHost() },
    {
      provide: REALTIME_LIMITS,
      useFactory: (options: ResolvedRealtimeOptions, logger: Logger, observer: RealtimeObserver) => RealtimeLimits.create(options.limits, logger, observer),
      inject: [RESOLVED_OPTIONS, REALTIME_LOGGER, REALTIME_OBSERVER],
    },
    {
      provide: PAYLOAD_LIMITS,
      useFactory: (options: ResolvedRealtimeOptions): PayloadLimits => ({ maxPayloadDepth: options.limits.maxPayloadDepth, maxEmitBytes: options.limits.maxEmitBytes }),
      inject: [RESOLVED_OPTIONS],
    },
    {
      provide: REALTIME_ADAPTER,
      useFactory: (options: ResolvedRealtimeOptions, logger: Logger, observer: RealtimeObserver) => RealtimeAdapter.create(options.adapter, logger, observer),
      inject: [RESOLVED_OPTIONS, REALTIME_LOGGER, REALTIME_OBSERVER],
    },
    {
      provide: RECOVERY_GATE,
      // A restored session waits for its handshake at most as long as the handshake may take.
      useFactory: (options: ResolvedRealtimeOptions, observer: RealtimeObserver) =>
        new RecoveryGate(options.recovery.enabled ? new PendingRecoveries(options.connectTimeout) : undefined, observer),
      inject: [RESOLVED_OPTIONS, REALTIME_OBSERVER],
    },
    { provide: TOKEN_AUTHENTICATOR, useFactory: (options: ResolvedRealtimeOptions) => new TokenAuthenticator(options.auth), inject: [RESOLVED_OPTIONS] },
    {
      provide: TOKEN_EXPIRY_SCHEDULER,
      useFactory: (options: ResolvedRealtimeOptions) => new TokenExpiryScheduler(options.auth.expiryWarningMs),
      inject: [RESOLVED_OPTIONS],
    },
    {
      provide: PRESENCE_TRACKER,
      useFactory: (options: ResolvedRealtimeOptions, store: PresenceStore, host: NamespaceHost, adapter: RealtimeAdapter, logger: Logger) =>
        new PresenceTracker({ store, host, presenceMeta: options.presenceMeta, clustered: adapter.clustered, logger }),
      inject: [RESOLVED_OPTIONS, OBSERVED_PRESENCE_STORE, NAMESPACE_HOST, REALTIME_ADAPTER, REALTIME_LOGGER],
    },
    { provide: PRESENCE_READER, useFactory: (store: PresenceStore, logger: Logger) => new PresenceReader(store, logger), inject: [OBSERVED_PRESENCE_STORE, REALTIME_LOGGER] },
    {
      provide: ROOM_MEMBERSHIP,
      useFactory: (options: ResolvedRealtimeOptions, tracker: PresenceTracker, reader: PresenceReader, logger: Logger, observer: RealtimeObserver) =>
        new RoomMembership({ rooms: options.rooms, tracker, reader, logger, maxRoomsPerSocket: options.limits.maxRoomsPerSocket, observer }),
      inject: [RESOLVED_OPTIONS, PRESENCE_TRACKER, PRESENCE_READER, REALTIME_LOGGER, REALTIME_OBSERVER],
    },
    {
      provide: CLUSTER_MEMBERSHIP,
      useFactory: (options: ResolvedRealtimeOptions, host: NamespaceHost, membership: RoomMembership, adapter: RealtimeAdapter, logger: Logger) =>
        new ClusterMembership({
          host,
          membership,
          clustered: adapter.clustered,
          requestsTimeoutMs: options.adapter.kind === 'memory' ? 0 : options.adapter.requestsTimeoutMs,
          logger,
        }),
      inject: [RESOLVED_OPTIONS, NAMESPACE_HOST, ROOM_MEMBERSHIP, REALTIME_ADAPTER, REALTIME_LOGGER],
    },
    {
      provide: CONNECTION_HANDLER,
      useFactory: (
        options: ResolvedRealtimeOptions,
        authenticator: TokenAuthenticator,
        expiry: TokenExpiryScheduler,
        tracker: PresenceTracker,
        reader: PresenceReader,
        membership: RoomMembership,
        logger: Logger,
        limits: RealtimeLimits,
        observer: RealtimeObserver,
      ) => new ConnectionHandler({ settings: serverSettings(options), authenticator, expiry, tracker, reader, membership, logger, guard: limits.guard, connections: limits.connections, observer }),
      inject: [
        RESOLVED_OPTIONS,
        TOKEN_AUTHENTICATOR,
        TOKEN_EXPIRY_SCHEDULER,
        PRESENCE_TRACKER,
        PRESENCE_READER,
        ROOM_MEMBERSHIP,
        REALTIME_LOGGER,
        REALTIME_LIMITS,
        REALTIME_OBSERVER,
      ],
    },
    {
      provide: NAMESPACE_BINDING,
      useFactory: (
        options: ResolvedRealtimeOptions,
        authenticator: TokenAuthenticator,
        handler: ConnectionHandler,
        tracker: PresenceTracker,
        host: NamespaceHost,
        adapter: RealtimeAdapter,
        recovery: RecoveryGate,
        cluster: ClusterMembership,
        logger: Logger,
        limits: RealtimeLimits,
        observer: RealtimeObserver,
        adminUi: AdminUi,
      ) => new NamespaceBinding({ options, authenticator, handler, tracker, host, adapter, recovery, cluster, limits, logger, observer, adminUi }),
      inject: [
        RESOLVED_OPTIONS,
        TOKEN_AUTHENTICATOR,
        CONNECTION_HANDLER,
        PRESENCE_TRACKER,
        NAMESPACE_HOST,
        REALTIME_ADAPTER,
        RECOVERY_GATE,
        CLUSTER_MEMBERSHIP,
        REALTIME_LOGGER,
        REALTIME_LIMITS,
        REALTIME_OBSERVER,
        ADMIN_UI,
      ],
    },
    {
      provide: REALTIME_SHUTDOWN,
      useFactory: (
        options: ResolvedRealtimeOptions,
        host: NamespaceHost,
        tracker: PresenceTracker,
        expiry: TokenExpiryScheduler,
        store: PresenceStore,
        adapter: RealtimeAdapter,
        limits: RealtimeLimits,
      ) => new RealtimeShutdown({ host, tracker, expiry, store, ownsStore: ownsPresenceStore(options.presence), adapter, limits }),
      inject: [RESOLVED_OPTIONS, NAMESPACE_HOST, PRESENCE_TRACKER, TOKEN_EXPIRY_SCHEDULER, PRESENCE_STORE, REALTIME_ADAPTER, REALTIME_LIMITS],
    },
    {
      provide: DEPENDENCY_FLOOR_CHECK,
      useFactory: (options: ResolvedRealtimeOptions, host: NamespaceHost, logger: Logger) =>
        new DependencyFloorCheck({ mode: options.dependencyFloors, host, logger }),
      inject: [RESOLVED_OPTIONS, NAMESPACE_HOST, REALTIME_LOGGER],
    },
    {
      provide: GATEWAY_METADATA_APPLIER,
      useFactory: (options: ResolvedRealtimeOptions, discovery: DiscoveryService) => applyGatewayMetadata(options, gateway, discovery),
      inject: [RESOLVED_OPTIONS, DiscoveryService],
    },
    {
      provide: IO_ADAPTER_INSTALLER,
      useFactory: (options: ResolvedRealtimeOptions, config: ApplicationConfig, host: HttpAdapterHost) => {
        if (options.installIoAdapter) installIoAdapter(config, host);
      },
      inject: [RESOLVED_OPTIONS, ApplicationConfig, HttpAdapterHost],
    },
    gateway,
    RealtimeService,
    RealtimeAuthService,
    RealtimeHealthService,
    { provide: REALTIME_HEALTH, useExisting: RealtimeHealthService },
    HealthRouteRegistrar,
  ];
}

/** The providers other modules may inject. */
export const REALTIME_EXPORTS = [RealtimeService, RealtimeAuthService, RealtimeHealthService, REALTIME_HEALTH, PRESENCE_STORE];

function serverSettings(options: ResolvedRealtimeOptions): ServerSettings {
  return {
    namespace: options.namespace,
    pingInterval: options.pingInterval,
    pingTimeout: options.pingTimeout,
    maxPayloadBytes: options.maxPayloadBytes,
    roomKinds: [...options.rooms.keys()],
    protocolVersion: PROTOCOL_VERSION,
  };
}
