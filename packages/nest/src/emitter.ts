export { RealtimeEmitter } from './emitter/realtime-emitter';
export type { RealtimeEmitterOptions, RealtimeEmitterProvider } from './emitter/realtime-emitter';
export type { AdapterRedisClient } from './adapter/adapter-options.interface';
