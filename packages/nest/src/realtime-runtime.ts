import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { createJwtHandshakeMiddleware } from './auth/jwt-handshake.middleware';
import { TokenExpiryScheduler } from './auth/token-expiry.scheduler';
import { TokenAuthenticator } from './auth/token-authenticator';
import { ConnectionHandler } from './gateway/connection-handler';
import { NamespaceHost } from './gateway/namespace-host';
import { PresenceTracker } from './presence/presence-tracker';
import type { PresenceStore } from './presence/presence-store.interface';
import { LOGGER_CONTEXT } from './realtime.constants';
import type { RealtimeNamespace } from './realtime-socket';
import type { ResolvedRealtimeOptions } from './resolve-realtime-options';
import { RoomMembership } from './rooms/room-membership';

/**
 * The parts of one module instance, wired once: the gateway attaches them to the namespace,
 * `RealtimeService` reaches rooms and presence through them.
 */
export class RealtimeRuntime implements OnApplicationShutdown {
  /** Holds the namespace once the gateway is initialised. */
  readonly host = new NamespaceHost();
  /** Keeps presence in step with this process's sockets. */
  readonly tracker: PresenceTracker;
  /** Joins and leaves resource rooms. */
  readonly membership: RoomMembership;
  /** Verifies tokens and maps them to users. */
  readonly authenticator: TokenAuthenticator;
  private readonly expiry: TokenExpiryScheduler;
  private readonly logger = new Logger(LOGGER_CONTEXT);

  constructor(
    readonly options: ResolvedRealtimeOptions,
    readonly store: PresenceStore,
    private readonly ownsStore: boolean,
    private readonly sweepIntervalMs: number | undefined,
  ) {
    this.authenticator = new TokenAuthenticator(options.auth);
    this.expiry = new TokenExpiryScheduler(options.auth.expiryWarningMs);
    this.tracker = new PresenceTracker(store, this.host, options.presenceMeta, this.logger);
    this.membership = new RoomMembership(options.rooms, this.tracker, this.logger);
  }

  /** Installs authentication and the connection handler on the namespace; called by the gateway. */
  attach(namespace: RealtimeNamespace): void {
    this.warnOnForeignServerOptions(namespace);
    namespace.use(createJwtHandshakeMiddleware(this.authenticator, this.options.auth, this.logger));
    const handler = new ConnectionHandler({
      options: this.options,
      authenticator: this.authenticator,
      expiry: this.expiry,
      tracker: this.tracker,
      membership: this.membership,
      store: this.store,
      logger: this.logger,
    });
    // Prepended so rooms and socket state are in place before any app gateway's handleConnection.
    namespace.prependListener('connection', (socket) => handler.handle(socket));
    this.host.attach(namespace);
    if (this.sweepIntervalMs !== undefined) this.tracker.startSweeping(this.sweepIntervalMs);
    this.logger.log(`Serving namespace ${this.options.namespace} with ${this.store.name} presence`);
  }

  /** Stops timers, lets pending presence writes finish, and closes a store the module created. */
  async onApplicationShutdown(): Promise<void> {
    this.tracker.stop();
    this.expiry.cancelAll();
    await this.tracker.drain();
    if (this.ownsStore) await this.store.close();
  }

  /**
   * Socket.IO takes server options from the first gateway that creates the server on a port. If
   * an application gateway created it with other settings, ours silently do not apply: say so.
   */
  private warnOnForeignServerOptions(namespace: RealtimeNamespace): void {
    const engineOptions = namespace.server.engine?.opts as unknown as Record<string, unknown> | undefined;
    if (!engineOptions) return;
    const expected: Record<string, unknown> = {
      pingInterval: this.options.pingInterval,
      pingTimeout: this.options.pingTimeout,
      maxHttpBufferSize: this.options.maxPayloadBytes,
    };
    const differing = Object.keys(expected).filter((key) => engineOptions[key] !== expected[key]);
    if (differing.length > 0) {
      this.logger.warn(
        `The Socket.IO server was created by another gateway with different ${differing.join(', ')}; RealtimeModule's settings do not apply. Decorate your gateways on this port with @RealtimeGateway() instead of @WebSocketGateway().`,
      );
    }
  }
}
