import { Logger, type Provider, type Type } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { PROTOCOL_VERSION, type ServerSettings } from '@tenantcast/protocol';
import { RealtimeAdapter } from './adapter/realtime-adapter';
import { RealtimeAuthService } from './auth/realtime-auth.service';
import { TokenAuthenticator } from './auth/token-authenticator';
import { TokenExpiryScheduler } from './auth/token-expiry.scheduler';
import { applyGatewayMetadata } from './gateway/apply-gateway-metadata';
import { ConnectionHandler } from './gateway/connection-handler';
import { NamespaceBinding } from './gateway/namespace-binding';
import { NamespaceHost } from './gateway/namespace-host';
import { HealthRouteRegistrar } from './health/health-route.registrar';
import { RealtimeLimits } from './limits/realtime-limits';
import { RealtimeHealthService } from './health/realtime-health.service';
import { resolveRealtimeOptions } from './options/resolve-realtime-options';
import type { ResolvedRealtimeOptions } from './options/resolved-realtime-options';
import { createPresenceStore, ownsPresenceStore } from './presence/create-presence-store';
import { PresenceReader } from './presence/presence-reader';
import type { PresenceStore } from './presence/presence-store.interface';
import { PresenceTracker } from './presence/presence-tracker';
import { LOGGER_CONTEXT, PRESENCE_STORE } from './realtime.constants';
import { GATEWAY_METADATA_APPLIER, PAYLOAD_LIMITS, REALTIME_LOGGER, RESOLVED_OPTIONS } from './realtime-internal.constants';
import { REALTIME_MODULE_OPTIONS } from './realtime.module-definition';
import { RealtimeService } from './realtime.service';
import { RealtimeShutdown } from './realtime-shutdown';
import { PendingRecoveries } from './recovery/pending-recoveries';
import { RecoveryGate } from './recovery/recovery-gate';
import { ClusterMembership } from './rooms/cluster-membership';
import { RoomMembership } from './rooms/room-membership';

/**
 * The providers of one module registration. Each part gets exactly what it uses, wired here once;
 * `gateway` is the gateway class minted for this registration.
 */
export function createRealtimeProviders(gateway: Type): Provider[] {
  return [
    { provide: RESOLVED_OPTIONS, useFactory: resolveRealtimeOptions, inject: [REALTIME_MODULE_OPTIONS] },
    { provide: REALTIME_LOGGER, useFactory: () => new Logger(LOGGER_CONTEXT) },
    { provide: PRESENCE_STORE, useFactory: (options: ResolvedRealtimeOptions) => createPresenceStore(options.presence), inject: [RESOLVED_OPTIONS] },
    { provide: NamespaceHost, useFactory: () => new NamespaceHost() },
    {
      provide: RealtimeLimits,
      useFactory: (options: ResolvedRealtimeOptions, logger: Logger) => RealtimeLimits.create(options.limits, logger),
      inject: [RESOLVED_OPTIONS, REALTIME_LOGGER],
    },
    {
      provide: RealtimeAdapter,
      useFactory: (options: ResolvedRealtimeOptions, logger: Logger) => RealtimeAdapter.create(options.adapter, logger),
      inject: [RESOLVED_OPTIONS, REALTIME_LOGGER],
    },
    {
      provide: RecoveryGate,
      // A restored session waits for its handshake at most as long as the handshake may take.
      useFactory: (options: ResolvedRealtimeOptions) => new RecoveryGate(options.recovery.enabled ? new PendingRecoveries(options.connectTimeout) : undefined),
      inject: [RESOLVED_OPTIONS],
    },
    { provide: TokenAuthenticator, useFactory: (options: ResolvedRealtimeOptions) => new TokenAuthenticator(options.auth), inject: [RESOLVED_OPTIONS] },
    {
      provide: TokenExpiryScheduler,
      useFactory: (options: ResolvedRealtimeOptions) => new TokenExpiryScheduler(options.auth.expiryWarningMs),
      inject: [RESOLVED_OPTIONS],
    },
    {
      provide: PresenceTracker,
      useFactory: (options: ResolvedRealtimeOptions, store: PresenceStore, host: NamespaceHost, adapter: RealtimeAdapter, logger: Logger) =>
        new PresenceTracker({ store, host, presenceMeta: options.presenceMeta, clustered: adapter.clustered, logger }),
      inject: [RESOLVED_OPTIONS, PRESENCE_STORE, NamespaceHost, RealtimeAdapter, REALTIME_LOGGER],
    },
    { provide: PresenceReader, useFactory: (store: PresenceStore, logger: Logger) => new PresenceReader(store, logger), inject: [PRESENCE_STORE, REALTIME_LOGGER] },
    {
      provide: RoomMembership,
      useFactory: (options: ResolvedRealtimeOptions, tracker: PresenceTracker, reader: PresenceReader, logger: Logger) =>
        new RoomMembership({ rooms: options.rooms, tracker, reader, logger, maxRoomsPerSocket: options.limits.maxRoomsPerSocket }),
      inject: [RESOLVED_OPTIONS, PresenceTracker, PresenceReader, REALTIME_LOGGER],
    },
    {
      provide: ClusterMembership,
      useFactory: (options: ResolvedRealtimeOptions, host: NamespaceHost, membership: RoomMembership, adapter: RealtimeAdapter, logger: Logger) =>
        new ClusterMembership({
          host,
          membership,
          clustered: adapter.clustered,
          requestsTimeoutMs: options.adapter.kind === 'memory' ? 0 : options.adapter.requestsTimeoutMs,
          logger,
        }),
      inject: [RESOLVED_OPTIONS, NamespaceHost, RoomMembership, RealtimeAdapter, REALTIME_LOGGER],
    },
    {
      provide: ConnectionHandler,
      useFactory: (
        options: ResolvedRealtimeOptions,
        authenticator: TokenAuthenticator,
        expiry: TokenExpiryScheduler,
        tracker: PresenceTracker,
        reader: PresenceReader,
        membership: RoomMembership,
        logger: Logger,
        limits: RealtimeLimits,
      ) => new ConnectionHandler({ settings: serverSettings(options), authenticator, expiry, tracker, reader, membership, logger, guard: limits.guard }),
      inject: [RESOLVED_OPTIONS, TokenAuthenticator, TokenExpiryScheduler, PresenceTracker, PresenceReader, RoomMembership, REALTIME_LOGGER, RealtimeLimits],
    },
    {
      provide: NamespaceBinding,
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
      ) => new NamespaceBinding({ options, authenticator, handler, tracker, host, adapter, recovery, cluster, limits, logger }),
      inject: [RESOLVED_OPTIONS, TokenAuthenticator, ConnectionHandler, PresenceTracker, NamespaceHost, RealtimeAdapter, RecoveryGate, ClusterMembership, REALTIME_LOGGER, RealtimeLimits],
    },
    {
      provide: RealtimeShutdown,
      useFactory: (
        options: ResolvedRealtimeOptions,
        host: NamespaceHost,
        tracker: PresenceTracker,
        expiry: TokenExpiryScheduler,
        store: PresenceStore,
        adapter: RealtimeAdapter,
        limits: RealtimeLimits,
      ) => new RealtimeShutdown({ host, tracker, expiry, store, ownsStore: ownsPresenceStore(options.presence), adapter, limits }),
      inject: [RESOLVED_OPTIONS, NamespaceHost, PresenceTracker, TokenExpiryScheduler, PRESENCE_STORE, RealtimeAdapter, RealtimeLimits],
    },
    {
      provide: GATEWAY_METADATA_APPLIER,
      useFactory: (options: ResolvedRealtimeOptions, discovery: DiscoveryService) => applyGatewayMetadata(options, gateway, discovery),
      inject: [RESOLVED_OPTIONS, DiscoveryService],
    },
    gateway,
    { provide: PAYLOAD_LIMITS, useFactory: (options: ResolvedRealtimeOptions) => ({ maxPayloadDepth: options.limits.maxPayloadDepth, maxEmitBytes: options.limits.maxEmitBytes }), inject: [RESOLVED_OPTIONS] },
    RealtimeService,
    RealtimeAuthService,
    RealtimeHealthService,
    HealthRouteRegistrar,
  ];
}

/** The providers other modules may inject. */
export const REALTIME_EXPORTS = [RealtimeService, RealtimeAuthService, RealtimeHealthService, PRESENCE_STORE];

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
