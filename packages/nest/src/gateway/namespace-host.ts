import type { SystemNamespace } from './system-socket';

/**
 * Holds the namespace once the gateway is initialised, so services created before the socket
 * server exists can reach it. Calls before `app.init()` fail with a message that says so.
 */
export class NamespaceHost {
  private current: SystemNamespace | undefined;

  /** Set once the gateway is initialised. */
  attach(namespace: SystemNamespace): void {
    this.current = namespace;
  }

  /** Whether the gateway has been initialised. */
  get ready(): boolean {
    return this.current !== undefined;
  }

  /** The namespace; throws before the application is initialised. */
  get namespace(): SystemNamespace {
    if (!this.current) {
      throw new Error('RealtimeService: the Socket.IO server is not running yet. Call it after app.init() / app.listen(), e.g. from onApplicationBootstrap or a request handler.');
    }
    return this.current;
  }
}
