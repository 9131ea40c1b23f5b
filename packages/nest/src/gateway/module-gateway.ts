import { Inject } from '@nestjs/common';
import type { OnGatewayInit } from '@nestjs/websockets';
import { NAMESPACE_BINDING } from '../realtime-internal.constants';
import type { NamespaceBinding } from './namespace-binding';
import type { SystemNamespace } from './system-socket';

/**
 * The module's own gateway. It has no message handlers of its own: in `afterInit` it hands the
 * namespace to {@link NamespaceBinding}, which installs authentication and the connection handler.
 *
 * Its `@WebSocketGateway` metadata (port, namespace, server options) is applied at start-up from
 * the resolved options by {@link applyGatewayMetadata}, on a subclass minted per module
 * registration, because decorator arguments cannot come from `forRootAsync`.
 */
export class ModuleGatewayBase implements OnGatewayInit {
  constructor(@Inject(NAMESPACE_BINDING) private readonly binding: NamespaceBinding) {}

  /** Called by Nest once the namespace exists. */
  afterInit(namespace: SystemNamespace): void {
    this.binding.bind(namespace);
  }
}

/** Returns a fresh gateway class, so two registrations never share gateway metadata. */
export function createModuleGatewayClass(): typeof ModuleGatewayBase {
  return class RealtimeModuleGateway extends ModuleGatewayBase {};
}
