import type { Logger } from '@nestjs/common';
import type { Server } from 'socket.io';
import { loadOptionalPeer } from '../adapter/optional-peer';
import type { ResolvedAdminUiOptions } from '../options/resolved-realtime-options';

type EnabledAdminUi = Extract<ResolvedAdminUiOptions, { enabled: true }>;

/** `instrument()` of `@socket.io/admin-ui`, as the module calls it. */
type Instrument = (
  server: Server,
  options: {
    namespaceName: string;
    auth: { type: 'basic'; username: string; password: string };
    readonly: boolean;
    mode: 'production' | 'development';
    serverId?: string;
  },
) => void;

/**
 * The Socket.IO Admin UI of one module registration, when configured: `@socket.io/admin-ui` (an
 * optional peer, loaded only then) on its own namespace, behind its own user name and bcrypt
 * password hash, read-only and in production mode unless told otherwise.
 */
export class AdminUi {
  private constructor(
    private readonly options: EnabledAdminUi | undefined,
    private readonly instrument: Instrument | undefined,
  ) {}

  /** Loads `@socket.io/admin-ui` when the option is on; a missing package fails the boot with the command to install it. */
  static async create(options: ResolvedAdminUiOptions): Promise<AdminUi> {
    if (!options.enabled) return new AdminUi(undefined, undefined);
    const { instrument } = await loadOptionalPeer('@socket.io/admin-ui', 'adminUi', () => import('@socket.io/admin-ui'));
    return new AdminUi(options, instrument as unknown as Instrument);
  }

  /** The namespace the Admin UI authenticates on its own, if it is on; the module's JWT check stays off it. */
  get namespace(): string | undefined {
    return this.options?.namespace;
  }

  /** Puts the Admin UI on `server`; nothing when it is off. */
  attach(server: Server, logger: Logger): void {
    const { options, instrument } = this;
    if (!options || !instrument) return;
    instrument(server, {
      namespaceName: options.namespace,
      auth: { type: 'basic', username: options.username, password: options.passwordHash },
      readonly: options.readonly,
      mode: options.mode,
      ...(options.serverId === undefined ? {} : { serverId: options.serverId }),
    });
    const access = options.readonly ? 'read-only' : 'read-write: it can emit, join, leave and disconnect for every tenant';
    const detail = options.mode === 'development' ? ', development mode: it shows every socket, its handshake headers and every event payload of every tenant' : '';
    logger[options.readonly && options.mode === 'production' ? 'log' : 'warn'](`Socket.IO Admin UI on namespace ${options.namespace} (${access}${detail})`);
  }
}
