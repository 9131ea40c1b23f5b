import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { createModuleGatewayClass } from './gateway/module-gateway';
import { resolveRealtimeOptions } from './options/resolve-realtime-options';
import {
  REALTIME_ASYNC_OPTIONS_TYPE,
  REALTIME_OPTIONS_TYPE,
  RealtimeConfigurableModule,
} from './realtime.module-definition';
import { createRealtimeProviders, REALTIME_EXPORTS } from './realtime.providers';
import { SharedAcrossBuilds } from './shared-across-builds';

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
@SharedAcrossBuilds('RealtimeModule')
@Module({})
export class RealtimeModule extends RealtimeConfigurableModule {
  /**
   * Registers the module with options known up front; they are validated immediately.
   * @throws RealtimeConfigError listing every invalid option
   */
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
  return {
    ...definition,
    imports: [...(definition.imports ?? []), DiscoveryModule],
    providers: [...(definition.providers ?? []), ...createRealtimeProviders(createModuleGatewayClass())],
    exports: [...(definition.exports ?? []), ...REALTIME_EXPORTS],
  };
}
