/**
 * The Socket.IO Admin UI (`@socket.io/admin-ui`, an optional peer dependency) on its own
 * namespace, with its own credentials. Off unless this option is given. See the metrics guide
 * for what it shows, what it costs and how to open it.
 */
export interface RealtimeAdminUiOptions {
  /** The user name the Admin UI logs in with. */
  username: string;
  /**
   * The bcrypt hash of its password, never the password itself, e.g. from
   * `node -e "console.log(require('bcryptjs').hashSync(process.argv[1], 12))" 'the password'`.
   */
  passwordHash: string;
  /**
   * Only watch: the UI cannot emit, join, leave or disconnect. Turn it off only where every admin
   * may act on every tenant's connections.
   * @default true
   */
  readonly?: boolean;
  /**
   * `'production'`: server statistics and aggregated counts only. `'development'`: also every
   * socket with its handshake headers and `socket.data`, and every event's payload, of every
   * tenant; it also wraps every socket's `data` in a proxy. Never in production.
   * @default 'production'
   */
  mode?: 'production' | 'development';
  /**
   * The namespace the UI connects to; it must differ from the module's.
   * @default '/admin'
   */
  namespace?: string;
  /**
   * This process's name in the UI, when several processes serve the app.
   * @default the host name
   */
  serverId?: string;
}
