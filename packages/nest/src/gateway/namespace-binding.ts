import type { Logger } from '@nestjs/common';
import { createJwtHandshakeMiddleware } from '../auth/jwt-handshake.middleware';
import type { TokenAuthenticator } from '../auth/token-authenticator';
import type { RealtimeLimits } from '../limits/realtime-limits';
import type { ResolvedRealtimeOptions } from '../options/resolved-realtime-options';
import { createSessionOriginMiddleware } from '../origins/origin-guard';
import type { PresenceTracker } from '../presence/presence-tracker';
import type { ConnectionHandler } from './connection-handler';
import { guardOtherNamespaces } from './namespace-guard';
import type { NamespaceHost } from './namespace-host';
import type { SystemNamespace } from './system-socket';

/** What binding a namespace needs. */
export interface NamespaceBindingOptions {
  options: ResolvedRealtimeOptions;
  authenticator: TokenAuthenticator;
  handler: ConnectionHandler;
  tracker: PresenceTracker;
  host: NamespaceHost;
  limits: RealtimeLimits;
  logger: Logger;
}

/**
 * Puts the module on the namespace once the gateway has it: the handshake middleware (with the
 * connection caps), the connection handler, the host that services reach the namespace through,
 * and the presence sweep. It also closes the server's other doors: every other namespace
 * authenticates or refuses, and session requests from a foreign origin are refused.
 */
export class NamespaceBinding {
  constructor(private readonly deps: NamespaceBindingOptions) {}

  /** Installs authentication and the connection handler on `namespace`. */
  bind(namespace: SystemNamespace): void {
    const { options, authenticator, handler, tracker, host, limits, logger } = this.deps;
    this.warnOnForeignServerOptions(namespace);
    const { allowQueryToken } = options.auth;
    namespace.use(createJwtHandshakeMiddleware({ authenticator, allowQueryToken, logger, connections: limits.connections }));
    guardOtherNamespaces(namespace.server, options.namespace, createJwtHandshakeMiddleware({ authenticator, allowQueryToken, logger }), logger);
    if (options.origins) namespace.server.engine.use(createSessionOriginMiddleware(options.origins));
    // Prepended so rooms and socket state are in place before any app gateway's handleConnection.
    namespace.prependListener('connection', (socket) => handler.handle(socket));
    host.attach(namespace);
    tracker.startSweeping();
    logger.log(`Serving namespace ${options.namespace} with ${options.presence.kind === 'custom' ? options.presence.store.name : options.presence.kind} presence`);
  }

  /**
   * Socket.IO takes server options from the first gateway that creates the server on a port. If
   * an application gateway created it with other settings, ours silently do not apply: say so.
   */
  private warnOnForeignServerOptions(namespace: SystemNamespace): void {
    const { options, logger } = this.deps;
    const engineOptions = namespace.server.engine?.opts as unknown as Record<string, unknown> | undefined;
    if (!engineOptions) return;
    const expected: Record<string, unknown> = {
      pingInterval: options.pingInterval,
      pingTimeout: options.pingTimeout,
      maxHttpBufferSize: options.maxPayloadBytes,
    };
    const differing = Object.keys(expected).filter((key) => engineOptions[key] !== expected[key]);
    if (options.origins && typeof engineOptions.allowRequest !== 'function') differing.push('allowRequest (the origin check)');
    if (differing.length > 0) {
      logger.warn(
        `The Socket.IO server was created by another gateway with different ${differing.join(', ')}; RealtimeModule's settings do not apply. Decorate your gateways on this port with @RealtimeGateway() instead of @WebSocketGateway().`,
      );
    }
  }
}
