import type { Type } from '@nestjs/common';
import type { DiscoveryService } from '@nestjs/core';
import { WebSocketGateway } from '@nestjs/websockets';
import { REALTIME_GATEWAY_METADATA } from '../realtime.constants';
import type { ResolvedRealtimeOptions } from '../options/resolved-realtime-options';
import { createOriginAllowRequest } from '../origins/origin-guard';

/**
 * Gives the module's gateway and every `@RealtimeGateway()` class their `@WebSocketGateway`
 * metadata from the resolved options.
 *
 * Nest reads gateway metadata when the application initialises, after all providers were
 * created; this runs while providers are created (as a factory that depends on the options), so
 * options from `forRootAsync` reach the gateways through the public decorator alone.
 */
export function applyGatewayMetadata(options: ResolvedRealtimeOptions, ownGateway: Type, discovery: DiscoveryService): void {
  const decorate = WebSocketGateway(...gatewayArguments(options));
  decorate(ownGateway);
  for (const wrapper of discovery.getProviders()) {
    const metatype = wrapper.metatype as Type | undefined;
    if (typeof metatype === 'function' && Reflect.getMetadata(REALTIME_GATEWAY_METADATA, metatype) === true) decorate(metatype);
  }
}

function gatewayArguments(options: ResolvedRealtimeOptions): [number, Record<string, unknown>] {
  return [
    options.port ?? 0,
    {
      // Nest shares one server between gateways whose port and `path` option are equal; an
      // explicit default path would not equal a plain gateway's absent one and would start a
      // second server on the same HTTP server, leaving that gateway unreachable.
      ...(options.path === undefined ? {} : { path: options.path }),
      // Security-relevant defaults first, so serverOptions can still tune them deliberately.
      perMessageDeflate: false,
      allowEIO3: false,
      ...options.serverOptions,
      namespace: options.namespace,
      cors: options.cors,
      transports: options.transports,
      allowUpgrades: options.allowUpgrades,
      pingInterval: options.pingInterval,
      pingTimeout: options.pingTimeout,
      maxHttpBufferSize: options.maxPayloadBytes,
      connectTimeout: options.connectTimeout,
      ...(options.origins ? { allowRequest: createOriginAllowRequest(options.origins, options.serverOptions.allowRequest) } : {}),
      // The handshake middleware must run for recovered connections too: it verifies the new
      // token and decides whether the session may be restored at all.
      ...(options.recovery.enabled ? { connectionStateRecovery: { maxDisconnectionDuration: options.recovery.maxDisconnectionMs, skipMiddlewares: false } } : {}),
    },
  ];
}
