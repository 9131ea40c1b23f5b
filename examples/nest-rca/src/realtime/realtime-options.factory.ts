import type { RealtimeModuleOptions, RealtimePresenceOption } from '@tenantcast/nest';
import { userFromClaims } from '../auth/claims-to-user';
import { JWT_ALGORITHM } from '../auth/jwt-options';
import type { AppConfig } from '../config/app-config';
import { canViewRca } from '../rcas/rca-access.policy';
import { RCA_ROOM_KIND } from '../rcas/rca-room';

/**
 * RealtimeModule's options from the validated environment, for `forRootAsync`. Transports
 * (WebSocket with long-polling fallback and upgrades) keep the library's defaults.
 */
export function realtimeOptions(config: AppConfig): RealtimeModuleOptions {
  const { env } = config;
  return {
    namespace: env.websocketNamespace,
    port: env.websocketPort,
    cors: { origin: env.corsOrigins, credentials: true },
    // cors covers long-polling only; this also checks the WebSocket handshake's Origin. The
    // dashboard this server hands out connects from the server's own origin.
    origins: { allow: env.corsOrigins, allowSameOrigin: env.dashboardDir !== undefined },
    pingInterval: env.websocketPingInterval,
    pingTimeout: env.websocketPingTimeout,
    auth: { secret: config.jwtSecret, algorithms: [JWT_ALGORITHM], mapClaims: userFromClaims },
    rooms: { [RCA_ROOM_KIND]: { authorize: canViewRca } },
    presence: presenceOption(config),
  };
}

function presenceOption({ env }: AppConfig): RealtimePresenceOption {
  if (env.redisUrl === undefined) return 'memory';
  return { store: 'redis', url: env.redisUrl, ...(env.redisKeyPrefix === undefined ? {} : { keyPrefix: env.redisKeyPrefix }) };
}
