export { signToken, decodeClaims } from './jwt';
export type { SignTokenOptions } from './jwt';
export { waitFor, sleep } from './wait';
export { nextEvent, collect } from './socket-events';
export { freePort } from './ports';
export { REDIS_URL, uniquePrefix, fastFailingRedis, requireRedis, keysUnder, deleteKeys } from './redis';
export { TestRedisServer } from './redis-server';
export { monitorRedis } from './redis-monitor';
export type { RedisMonitor } from './redis-monitor';
