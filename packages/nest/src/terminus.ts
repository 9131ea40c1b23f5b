export { RealtimeHealthIndicator } from './terminus/realtime.health-indicator';
export type { RealtimeHealthCheckOptions } from './terminus/realtime.health-indicator';
