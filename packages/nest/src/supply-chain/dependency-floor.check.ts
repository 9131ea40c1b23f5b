import type { Logger, OnApplicationBootstrap } from '@nestjs/common';
import { RealtimeConfigError } from '../errors/realtime-config.error';
import type { NamespaceHost } from '../gateway/namespace-host';
import type { ResolvedRealtimeOptions } from '../options/resolved-realtime-options';
import { DependencyFloorMessages } from '../realtime.messages';
import { belowFloors } from './dependency-floors';
import { detectServingPackages } from './serving-packages';

/** What the check needs. */
export interface DependencyFloorCheckOptions {
  mode: ResolvedRealtimeOptions['dependencyFloors'];
  host: NamespaceHost;
  logger: Logger;
}

/**
 * Checks, once the Socket.IO server exists, that the socket.io, engine.io, ws and
 * socket.io-parser copies serving it are at or above their floors, and warns or refuses the boot
 * with the fix. It runs at bootstrap rather than in the gateway's `afterInit`: an error thrown
 * there is rethrown asynchronously by rxjs, while one thrown here rejects `app.init()`.
 */
export class DependencyFloorCheck implements OnApplicationBootstrap {
  constructor(private readonly deps: DependencyFloorCheckOptions) {}

  /** Called by Nest after every gateway was initialised. */
  onApplicationBootstrap(): void {
    const { mode, host, logger } = this.deps;
    if (mode === 'off' || !host.ready) return;
    const { found, unknown } = detectServingPackages(host.namespace.server);
    logger.debug(`Socket.IO served by ${found.map((copy) => `${copy.name}@${copy.version}`).join(', ')}`);
    if (unknown.length > 0) logger.warn(DependencyFloorMessages.untraced(unknown));
    const below = belowFloors(found);
    if (below.length === 0) return;
    const message = DependencyFloorMessages.belowFloor(below, process.cwd());
    if (mode === 'refuse') throw new RealtimeConfigError('RealtimeModule', [message]);
    logger.warn(message);
  }
}
