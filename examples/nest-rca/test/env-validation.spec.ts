import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validateEnv } from '../src/config/env.validation';
import { startupError } from './support/app';
import { TEST_SECRET } from './support/tokens';

describe('environment validation at start-up', () => {
  it('applies the documented defaults', () => {
    expect(validateEnv({ JWT_SECRET: TEST_SECRET })).toEqual({
      port: 3000,
      host: '127.0.0.1',
      websocketPort: undefined,
      websocketNamespace: '/rca',
      websocketPingInterval: 25_000,
      websocketPingTimeout: 20_000,
      corsOrigins: ['http://localhost:5173'],
      jwtSecret: TEST_SECRET,
      redisUrl: undefined,
      redisKeyPrefix: undefined,
      realtimeAdapter: undefined,
      presenceTtlSeconds: undefined,
      presenceSweepSeconds: undefined,
      demoAuth: false,
      dashboardDir: undefined,
      metrics: false,
    });
  });

  it('reads every variable, treating empty values as unset', () => {
    const dashboard = mkdtempSync(join(tmpdir(), 'dashboard-'));
    writeFileSync(join(dashboard, 'index.html'), '<!doctype html>');
    expect(
      validateEnv({
        PORT: '8080',
        HOST: '0.0.0.0',
        WEBSOCKET_PORT: '8081',
        WEBSOCKET_NAMESPACE: '/investigations',
        WEBSOCKET_PING_INTERVAL: '10000',
        WEBSOCKET_PING_TIMEOUT: '5000',
        CORS_ORIGIN: 'https://app.example, http://localhost:5173',
        JWT_SECRET: '',
        REDIS_URL: 'redis://cache.internal:6380/2',
        REDIS_KEY_PREFIX: 'rca:presence',
        REALTIME_ADAPTER: 'redis-streams',
        PRESENCE_TTL_SECONDS: '1.5',
        PRESENCE_SWEEP_SECONDS: '0.3',
        DEMO_AUTH: 'TRUE',
        DASHBOARD_DIR: dashboard,
        METRICS: 'true',
      }),
    ).toEqual({
      port: 8080,
      host: '0.0.0.0',
      websocketPort: 8081,
      websocketNamespace: '/investigations',
      websocketPingInterval: 10_000,
      websocketPingTimeout: 5_000,
      corsOrigins: ['https://app.example', 'http://localhost:5173'],
      jwtSecret: undefined,
      redisUrl: 'redis://cache.internal:6380/2',
      redisKeyPrefix: 'rca:presence',
      realtimeAdapter: 'redis-streams',
      presenceTtlSeconds: 1.5,
      presenceSweepSeconds: 0.3,
      demoAuth: true,
      dashboardDir: dashboard,
      metrics: true,
    });
  });

  const problems: Array<[string, Record<string, string>, RegExp]> = [
    ['JWT_SECRET missing without DEMO_AUTH', { JWT_SECRET: '' }, /JWT_SECRET is not set: set it to the secret your auth service signs HS256 tokens with .*or set DEMO_AUTH=true/],
    ['a short JWT_SECRET', { JWT_SECRET: 'too-short' }, /JWT_SECRET is 9 bytes; it must be at least 32 bytes: generate one with/],
    ['a HOST that is not an address', { HOST: 'http://0.0.0.0' }, /HOST must be an IP address or host name to listen on/],
    ['a non-numeric PORT', { PORT: 'http' }, /PORT must be a port number between 0 and 65535 \(default 3000\); got 'http'/],
    ['WEBSOCKET_PORT equal to PORT', { PORT: '4000', WEBSOCKET_PORT: '4000' }, /WEBSOCKET_PORT equals PORT \(4000\); unset WEBSOCKET_PORT to serve Socket.IO on the HTTP port/],
    ['a namespace without a slash', { WEBSOCKET_NAMESPACE: 'rca' }, /WEBSOCKET_NAMESPACE must start with '\/'/],
    ['a zero ping interval', { WEBSOCKET_PING_INTERVAL: '0' }, /WEBSOCKET_PING_INTERVAL must be a whole number of milliseconds between 1 and 3600000 \(default 25000\); got '0'/],
    ['a fractional ping timeout', { WEBSOCKET_PING_TIMEOUT: '2.5' }, /WEBSOCKET_PING_TIMEOUT must be a whole number of milliseconds/],
    ['a wildcard CORS origin', { CORS_ORIGIN: '*' }, /CORS_ORIGIN must be one or more comma-separated origins such as http:\/\/localhost:5173/],
    ['a CORS origin with a path', { CORS_ORIGIN: 'http://localhost:5173/app' }, /CORS_ORIGIN must be one or more/],
    ['an http REDIS_URL', { REDIS_URL: 'http://127.0.0.1:6379' }, /REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL/],
    ['REDIS_KEY_PREFIX without REDIS_URL', { REDIS_KEY_PREFIX: 'rca' }, /REDIS_KEY_PREFIX is set but REDIS_URL is not/],
    ['a REDIS_KEY_PREFIX with braces', { REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: '{rca}' }, /REDIS_KEY_PREFIX may use letters, digits/],
    ['a DASHBOARD_DIR without index.html', { DASHBOARD_DIR: tmpdir() }, /DASHBOARD_DIR=.* has no index.html: build the dashboard first \(npm run build -w react-dashboard/],
    ['an unknown REALTIME_ADAPTER', { REDIS_URL: 'redis://127.0.0.1:6379', REALTIME_ADAPTER: 'kafka' }, /REALTIME_ADAPTER must be one of redis, redis-sharded, redis-streams/],
    ['REALTIME_ADAPTER without REDIS_URL', { REALTIME_ADAPTER: 'redis' }, /REALTIME_ADAPTER is set but REDIS_URL is not/],
    ['a non-positive PRESENCE_TTL_SECONDS', { REDIS_URL: 'redis://127.0.0.1:6379', PRESENCE_TTL_SECONDS: '0' }, /PRESENCE_TTL_SECONDS must be a positive number of seconds/],
    ['PRESENCE_SWEEP_SECONDS without REDIS_URL', { PRESENCE_SWEEP_SECONDS: '1' }, /PRESENCE_SWEEP_SECONDS is set but REDIS_URL is not/],
    ['DEMO_AUTH that is not a boolean', { DEMO_AUTH: 'yes' }, /DEMO_AUTH must be 'true' or 'false' \(default false\); got 'yes'/],
    ['METRICS that is not a boolean', { METRICS: 'on' }, /METRICS must be 'true' or 'false' \(default false\); got 'on'/],
  ];
  for (const [label, env, message] of problems) {
    it(`refuses ${label} with a message that says how to fix it`, () => {
      expect(() => validateEnv({ JWT_SECRET: TEST_SECRET, ...env })).toThrow(message);
    });
  }

  it('lists every problem at once', () => {
    expect(() => validateEnv({ PORT: 'x', WEBSOCKET_NAMESPACE: 'rca', JWT_SECRET: 'short' })).toThrow(/^Invalid environment \(3 problems\):\n {2}- PORT .*\n {2}- WEBSOCKET_NAMESPACE .*\n {2}- JWT_SECRET /);
  });

  it('stops the real AppModule from starting, with the same message', async () => {
    const error = await startupError({ JWT_SECRET: 'short', WEBSOCKET_PING_TIMEOUT: 'soon' });
    expect(error.name).toBe('EnvValidationError');
    expect(error.message).toMatch(/WEBSOCKET_PING_TIMEOUT must be a whole number of milliseconds/);
    expect(error.message).toMatch(/JWT_SECRET is 5 bytes/);
  });
});
