import type { RealtimeAdapterOption, RealtimeModuleOptions, RealtimePresenceOption } from '@tenantcast/nest';
import { userFromClaims } from '../auth/claims-to-user';
import { JWT_ALGORITHM } from '../auth/jwt-options';
import type { AppConfig } from '../config/app-config';
import type { PrometheusMetrics } from '../metrics/prometheus-metrics';
import { canViewRca } from '../rcas/rca-access.policy';
import { RCA_ROOM_KIND } from '../rcas/rca-room';

/** Tenants with their own `tenant` label value in the metrics; later ones count as `other`. */
const LABELLED_TENANTS = 50;

/**
 * RealtimeModule's options from the validated environment, for `forRootAsync`. Transports
 * (WebSocket with long-polling fallback and upgrades) keep the library's defaults.
 */
export function realtimeOptions(config: AppConfig, metrics: PrometheusMetrics): RealtimeModuleOptions {
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
    ...adapterOption(config),
    ...(metrics.provider === undefined ? {} : { metrics: { meterProvider: metrics.provider, tenantLabel: { max: LABELLED_TENANTS } } }),
  };
}

function presenceOption({ env }: AppConfig): RealtimePresenceOption {
  if (env.redisUrl === undefined) return 'memory';
  return {
    store: 'redis',
    url: env.redisUrl,
    ...(env.redisKeyPrefix === undefined ? {} : { keyPrefix: env.redisKeyPrefix }),
    ...(env.presenceTtlSeconds === undefined ? {} : { ttlMs: Math.round(env.presenceTtlSeconds * 1000) }),
    ...(env.presenceSweepSeconds === undefined ? {} : { sweepIntervalMs: Math.round(env.presenceSweepSeconds * 1000) }),
  };
}

/** `REALTIME_ADAPTER` on `REDIS_URL`; the adapter's channels share the presence key prefix. */
function adapterOption({ env }: AppConfig): { adapter?: RealtimeAdapterOption } {
  if (env.realtimeAdapter === undefined || env.redisUrl === undefined) return {};
  const keyPrefix = env.redisKeyPrefix === undefined ? {} : { keyPrefix: `${env.redisKeyPrefix}:sio` };
  if (env.realtimeAdapter === 'redis-streams') return { adapter: { type: 'redis-streams', url: env.redisUrl, ...keyPrefix } };
  return { adapter: { type: 'redis', sharded: env.realtimeAdapter === 'redis-sharded', url: env.redisUrl, ...keyPrefix } };
}
