import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { RealtimeAuthService } from './auth/realtime-auth.service';
import { applyGatewayMetadata } from './gateway/apply-gateway-metadata';
import { createGatewayClass } from './gateway/realtime.gateway';
import { HealthRouteRegistrar } from './health/health-route.registrar';
import { RealtimeHealthService } from './health/realtime-health.service';
import { createPresenceStore, type PresenceSetup } from './presence/create-presence-store';
import { PRESENCE_STORE } from './realtime.constants';
import { GATEWAY_METADATA_APPLIER, REALTIME_RUNTIME, RESOLVED_OPTIONS } from './realtime-internal.constants';
import {
  REALTIME_ASYNC_OPTIONS_TYPE,
  REALTIME_MODULE_OPTIONS,
  REALTIME_OPTIONS_TYPE,
  RealtimeConfigurableModule,
} from './realtime.module-definition';
import { RealtimeRuntime } from './realtime-runtime';
import { RealtimeService } from './realtime.service';
import { resolveRealtimeOptions, type ResolvedRealtimeOptions } from './resolve-realtime-options';

const PRESENCE_SETUP = Symbol.for('tenantcast.PresenceSetup');

/**
 * Multi-tenant realtime for a NestJS app: a Socket.IO gateway with JWT handshake
 * authentication, tenant-scoped rooms with authorization, presence, and {@link RealtimeService}.
 *
 * @example
 * ```ts
 * @Module({
 *   imports: [
 *     RealtimeModule.forRootAsync({
 *       imports: [ConfigModule],
 *       inject: [ConfigService],
 *       useFactory: (config: ConfigService) => ({
 *         namespace: config.get('WEBSOCKET_NAMESPACE', '/rca'),
 *         auth: { secret: config.getOrThrow('JWT_SECRET') },
 *         rooms: { rca: { authorize: (user, id) => canView(user, id) } },
 *       }),
 *     }),
 *   ],
 * })
 * export class AppModule {}
 * ```
 */
@Module({})
export class RealtimeModule extends RealtimeConfigurableModule {
  /** Registers the module with options known up front; they are validated immediately. */
  static override forRoot(options: typeof REALTIME_OPTIONS_TYPE): DynamicModule {
    resolveRealtimeOptions(options);
    return withRealtimeProviders(super.forRoot(options));
  }

  /**
   * Registers the module with options from a factory, class or existing provider (e.g.
   * `ConfigService`); they are validated when the factory resolves, before the app starts.
   */
  static override forRootAsync(options: typeof REALTIME_ASYNC_OPTIONS_TYPE): DynamicModule {
    return withRealtimeProviders(super.forRootAsync(options));
  }
}

function withRealtimeProviders(definition: DynamicModule): DynamicModule {
  const Gateway = createGatewayClass();
  const providers: Provider[] = [
    { provide: RESOLVED_OPTIONS, useFactory: resolveRealtimeOptions, inject: [REALTIME_MODULE_OPTIONS] },
    { provide: PRESENCE_SETUP, useFactory: (options: ResolvedRealtimeOptions) => createPresenceStore(options.presence), inject: [RESOLVED_OPTIONS] },
    { provide: PRESENCE_STORE, useFactory: (setup: PresenceSetup) => setup.store, inject: [PRESENCE_SETUP] },
    {
      provide: REALTIME_RUNTIME,
      useFactory: (options: ResolvedRealtimeOptions, setup: PresenceSetup) => new RealtimeRuntime(options, setup.store, setup.owned, setup.sweepIntervalMs),
      inject: [RESOLVED_OPTIONS, PRESENCE_SETUP],
    },
    {
      provide: GATEWAY_METADATA_APPLIER,
      useFactory: (options: ResolvedRealtimeOptions, discovery: DiscoveryService) => applyGatewayMetadata(options, Gateway, discovery),
      inject: [RESOLVED_OPTIONS, DiscoveryService],
    },
    Gateway,
    RealtimeService,
    RealtimeAuthService,
    RealtimeHealthService,
    HealthRouteRegistrar,
  ];
  return {
    ...definition,
    imports: [...(definition.imports ?? []), DiscoveryModule],
    providers: [...(definition.providers ?? []), ...providers],
    exports: [...(definition.exports ?? []), RealtimeService, RealtimeAuthService, RealtimeHealthService, PRESENCE_STORE],
  };
}
