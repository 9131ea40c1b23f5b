import type { Logger } from '@nestjs/common';
import type { Server, Socket } from 'socket.io';
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

/** What a refused Admin UI handshake says, as the Admin UI itself does. */
const INVALID_CREDENTIALS = 'invalid credentials';

/**
 * Lets through only handshakes the Admin UI can check safely: a password string, or a session id
 * without a user name (a session it does not know then ends in its own refusal, before bcrypt).
 */
function refuseMalformedCredentials(socket: Socket, next: (error?: Error) => void): void {
  const auth = (socket.handshake.auth ?? {}) as Record<string, unknown>;
  if (typeof auth.password === 'string' || (typeof auth.sessionId === 'string' && auth.username === undefined)) return next();
  next(new Error(INVALID_CREDENTIALS));
}

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
    // Ahead of the Admin UI's own check, which hands the password to bcrypt unchecked: a
    // handshake with the user name and no password string would throw there, unhandled.
    server.of(options.namespace).use(refuseMalformedCredentials);
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
