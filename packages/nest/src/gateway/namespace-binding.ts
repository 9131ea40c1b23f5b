import type { Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import type { AdminUi } from '../admin-ui/admin-ui';
import type { RealtimeAdapter } from '../adapter/realtime-adapter';
import { createJwtHandshakeMiddleware } from '../auth/jwt-handshake.middleware';
import type { TokenAuthenticator } from '../auth/token-authenticator';
import type { RealtimeLimits } from '../limits/realtime-limits';
import type { RealtimeObserver } from '../observability/realtime-observer';
import type { ResolvedRealtimeOptions } from '../options/resolved-realtime-options';
import { createSessionOriginMiddleware } from '../origins/origin-guard';
import type { PresenceTracker } from '../presence/presence-tracker';
import type { RecoveryGate } from '../recovery/recovery-gate';
import type { ClusterMembership } from '../rooms/cluster-membership';
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
  adapter: RealtimeAdapter;
  recovery: RecoveryGate;
  cluster: ClusterMembership;
  logger: Logger;
  /** Hears every handshake outcome (the lifecycle log and metrics). */
  observer: RealtimeObserver;
  /** The Socket.IO Admin UI, when configured. */
  adminUi: AdminUi;
}

/**
 * Puts the module on the namespace once the gateway has it: the adapter, the handshake
 * middleware (with the connection caps), the connection handler, the cluster membership
 * commands, the host that services reach the namespace through, the presence sweep and, when
 * configured, the Admin UI. It also closes the server's other doors: every other namespace (but
 * the Admin UI's, behind its own password) authenticates or refuses, and session requests from a
 * foreign origin are refused.
 */
export class NamespaceBinding {
  constructor(private readonly deps: NamespaceBindingOptions) {}

  /** Installs authentication and the connection handler on `namespace`. */
  bind(namespace: SystemNamespace): void {
    const { options, authenticator, handler, tracker, host, limits, adapter, recovery, cluster, logger, observer, adminUi } = this.deps;
    this.warnOnForeignServerOptions(namespace);
    this.installAdapter(namespace);
    const { allowQueryToken, redactHeaders } = options.auth;
    namespace.use(createJwtHandshakeMiddleware({ authenticator, allowQueryToken, redactHeaders, recovery, observer, connections: limits.connections }));
    const authenticateOthers = createJwtHandshakeMiddleware({ authenticator, allowQueryToken, redactHeaders, recovery, observer });
    guardOtherNamespaces(namespace.server, options.namespace, authenticateOthers, observer, adminUi.namespace);
    adminUi.attach(namespace.server as unknown as Server, logger);
    if (options.origins) namespace.server.engine.use(createSessionOriginMiddleware(options.origins));
    // Prepended so rooms and socket state are in place before any app gateway's handleConnection.
    namespace.prependListener('connection', (socket) => handler.handle(socket));
    cluster.listen(namespace);
    host.attach(namespace);
    tracker.startSweeping();
    const presence = options.presence.kind === 'custom' ? options.presence.store.name : options.presence.kind;
    logger.log(`Serving namespace ${options.namespace} with ${presence} presence, ${adapter.name} adapter${options.recovery.enabled ? ', connection state recovery' : ''}`);
    if (adapter.clustered && options.transports.includes('polling')) {
      logger.warn(
        `The ${adapter.name} adapter spreads clients over processes, and the polling transport needs every request of a session to reach the same one: put sticky sessions on the load balancer (see the scaling guide), or set transports: ['websocket'].`,
      );
    }
  }

  /**
   * Gives the Socket.IO server the configured adapter (Socket.IO re-creates the adapter of every
   * namespace it already has), wrapped so that recovered sessions wait for their token check.
   */
  private installAdapter(namespace: SystemNamespace): void {
    const { adapter, recovery, options } = this.deps;
    const server = namespace.server;
    // With recovery on and no cluster adapter, Socket.IO already chose its session-aware in-memory one.
    const base = adapter.factory ?? (options.recovery.enabled ? server.adapter() : undefined);
    if (base) server.adapter(recovery.wrapAdapter(base));
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
