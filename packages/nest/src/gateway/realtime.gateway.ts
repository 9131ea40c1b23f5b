import { Inject } from '@nestjs/common';
import type { OnGatewayInit } from '@nestjs/websockets';
import { REALTIME_RUNTIME } from '../realtime-internal.constants';
import type { RealtimeRuntime } from '../realtime-runtime';
import type { RealtimeNamespace } from '../realtime-socket';

/**
 * The module's own gateway. It has no message handlers of its own: in `afterInit` it hands the
 * namespace to the runtime, which installs authentication and the connection handler.
 *
 * Its `@WebSocketGateway` metadata (port, namespace, server options) is applied at start-up from
 * the resolved options by {@link applyGatewayMetadata}, on a subclass minted per module
 * registration, because decorator arguments cannot come from `forRootAsync`.
 */
export class RealtimeGatewayBase implements OnGatewayInit {
  constructor(@Inject(REALTIME_RUNTIME) private readonly runtime: RealtimeRuntime) {}

  /** Called by Nest once the namespace exists. */
  afterInit(namespace: RealtimeNamespace): void {
    this.runtime.attach(namespace);
  }
}

/** Returns a fresh gateway class, so two registrations never share gateway metadata. */
export function createGatewayClass(): typeof RealtimeGatewayBase {
  return class RealtimeGateway extends RealtimeGatewayBase {};
}
