import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RealtimeConfigError } from '../errors/realtime-config.error';
import { MemoryPresenceStore } from '../presence/memory-presence.store';
import type { RedisPresenceClient } from '../presence/redis-presence-options.interface';
import type { RealtimeModuleOptions } from '../realtime-options.interface';
import { resolveRealtimeOptions } from './resolve-realtime-options';

const SECRET = 'x'.repeat(32);
const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
const fakeClient = {} as RedisPresenceClient;

function problemsOf(options: unknown): readonly string[] {
  try {
    resolveRealtimeOptions(options as RealtimeModuleOptions);
  } catch (error) {
    if (error instanceof RealtimeConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the options to be refused');
}

describe('resolveRealtimeOptions', () => {
  it('fills in every default for the smallest valid options', () => {
    const resolved = resolveRealtimeOptions({ auth: { secret: SECRET } });
    expect(resolved).toMatchObject({
      namespace: '/',
      port: undefined,
      path: undefined,
      transports: ['websocket', 'polling'],
      allowUpgrades: true,
      pingInterval: 25_000,
      pingTimeout: 20_000,
      maxPayloadBytes: 65_536,
      connectTimeout: 10_000,
      presence: { kind: 'memory' },
      health: { enabled: true, path: '/realtime/health' },
      dependencyFloors: 'warn',
    });
    expect(resolved.auth).toMatchObject({ mode: 'hmac', allowQueryToken: false, expiryWarningMs: 60_000 });
    expect(resolved.auth.mode === 'hmac' && resolved.auth.jwt).toMatchObject({ algorithms: ['HS256'], clockToleranceSeconds: 5, maxTokenAgeSeconds: undefined });
  });

  it('turns the secret into a KeyObject once, at resolution', () => {
    const resolved = resolveRealtimeOptions({ auth: { secret: SECRET } });
    expect(resolved.auth.mode === 'hmac' && resolved.auth.jwt.key.type).toBe('secret');
  });

  it('resolves a public key into its own mode with the pinned algorithms', () => {
    const resolved = resolveRealtimeOptions({ auth: { publicKey, algorithms: ['RS256'] } });
    expect(resolved.auth.mode).toBe('publicKey');
    expect(resolved.auth.mode === 'publicKey' && resolved.auth.jwt).toMatchObject({ algorithms: ['RS256'] });
    expect(resolved.auth.mode === 'publicKey' && resolved.auth.jwt.key.type).toBe('public');
  });

  it('resolves a custom verifier into its own mode', () => {
    const verify = async () => ({ exp: 1 });
    const resolved = resolveRealtimeOptions({ auth: { verify } });
    expect(resolved.auth).toMatchObject({ mode: 'custom', verify });
  });

  it('reports every problem at once in one RealtimeConfigError', () => {
    const problems = problemsOf({ namespace: 'rca', pingInterval: -1, transports: [], auth: { secret: 'short' } });
    expect(problems).toHaveLength(4);
    expect(problems.join('\n')).toMatch(/namespace must be a string starting with '\/'/);
    expect(problems.join('\n')).toMatch(/pingInterval must be a positive integer/);
    expect(problems.join('\n')).toMatch(/transports must be a non-empty array/);
    expect(problems.join('\n')).toMatch(/auth\.secret has 5 bytes/);
  });

  it('names the subject and lists the problems in the error message', () => {
    expect(() => resolveRealtimeOptions({ namespace: 'rca', auth: { secret: 'short' } })).toThrow(
      /^RealtimeModule: 2 problems in the options:\n {2}- namespace.*\n {2}- auth\.secret/,
    );
  });

  it('refuses missing auth, several key sources and verifier-only options', () => {
    expect(problemsOf({})).toEqual([expect.stringMatching(/^auth is required/)]);
    expect(problemsOf({ auth: {} })).toEqual([expect.stringMatching(/needs one of secret, publicKey or verify/)]);
    expect(problemsOf({ auth: { secret: SECRET, publicKey } })).toEqual([expect.stringMatching(/exactly one of secret, publicKey or verify; got secret and publicKey/)]);
    expect(problemsOf({ auth: { verify: async () => ({}), issuer: 'x', clockToleranceSeconds: 1 } })).toEqual([
      expect.stringMatching(/auth\.issuer has no effect with auth\.verify/),
      expect.stringMatching(/auth\.clockToleranceSeconds has no effect with auth\.verify/),
    ]);
  });

  it('validates clockToleranceSeconds and maxTokenAgeSeconds', () => {
    expect(problemsOf({ auth: { secret: SECRET, clockToleranceSeconds: -1 } })).toEqual([expect.stringMatching(/auth\.clockToleranceSeconds must be a finite number of seconds, 0 or more/)]);
    expect(problemsOf({ auth: { secret: SECRET, clockToleranceSeconds: Number.NaN } })).toHaveLength(1);
    expect(problemsOf({ auth: { secret: SECRET, maxTokenAgeSeconds: 0 } })).toEqual([expect.stringMatching(/auth\.maxTokenAgeSeconds must be a positive number of seconds/)]);
    expect(resolveRealtimeOptions({ auth: { secret: SECRET, clockToleranceSeconds: 0, maxTokenAgeSeconds: 600 } }).auth).toMatchObject({
      jwt: { clockToleranceSeconds: 0, maxTokenAgeSeconds: 600 },
    });
  });

  it('takes cookie out of the handshake by default, any headers given (lower-cased), none for [], and refuses what is not header names', () => {
    expect(resolveRealtimeOptions({ auth: { secret: SECRET } }).auth.redactHeaders).toEqual(new Set(['cookie']));
    expect(resolveRealtimeOptions({ auth: { secret: SECRET, redactHeaders: ['Cookie', 'X-Api-Key'] } }).auth.redactHeaders).toEqual(new Set(['cookie', 'x-api-key']));
    expect(resolveRealtimeOptions({ auth: { secret: SECRET, redactHeaders: [] } }).auth.redactHeaders).toEqual(new Set());
    for (const redactHeaders of ['cookie', [''], ['x api key'], [42]]) {
      expect(problemsOf({ auth: { secret: SECRET, redactHeaders: redactHeaders as string[] } })).toEqual([expect.stringMatching(/auth\.redactHeaders must be an array of HTTP header names/)]);
    }
  });

  it('refuses algorithms that do not fit the key, unknown ones and none', () => {
    expect(problemsOf({ auth: { secret: SECRET, algorithms: ['RS256'] } })).toEqual([expect.stringMatching(/'RS256' does not fit a shared secret/)]);
    expect(problemsOf({ auth: { publicKey, algorithms: ['HS256'] } })).toEqual([expect.stringMatching(/'HS256' does not fit a public key/)]);
    expect(problemsOf({ auth: { secret: SECRET, algorithms: ['none'] } })).toEqual([expect.stringMatching(/unsupported algorithm "none"/)]);
    expect(problemsOf({ auth: { secret: SECRET, algorithms: [] } })).toEqual([expect.stringMatching(/non-empty array/)]);
    expect(problemsOf({ auth: { publicKey } })).toEqual([expect.stringMatching(/auth\.publicKey requires auth\.algorithms/)]);
  });

  it('refuses a public key that does not parse', () => {
    expect(problemsOf({ auth: { publicKey: 'not a pem', algorithms: ['RS256'] } })).toEqual([expect.stringMatching(/auth\.publicKey is not a usable public key/)]);
  });

  it('checks Redis presence settings at boot, not when the store starts', () => {
    expect(problemsOf({ auth: { secret: SECRET }, presence: { store: 'redis', url: 'redis://x', client: fakeClient } })).toEqual([
      expect.stringMatching(/presence\.client \/ presence\.url: pass exactly one of `client`.*and `url`/),
    ]);
    expect(problemsOf({ auth: { secret: SECRET }, presence: { store: 'redis' } })).toHaveLength(1);
    expect(problemsOf({ auth: { secret: SECRET }, presence: { store: 'redis', url: 'redis://x', ttlMs: 900, refreshIntervalMs: 900 } })).toEqual([
      expect.stringMatching(/presence\.refreshIntervalMs \(900\) must be below ttlMs \(900\)/),
    ]);
    expect(problemsOf({ auth: { secret: SECRET }, presence: { store: 'redis', url: 'redis://x', ttlMs: -5 } })).toEqual([
      expect.stringMatching(/presence\.ttlMs must be a positive number of milliseconds/),
    ]);
    expect(problemsOf({ auth: { secret: SECRET }, presence: { store: 'redis', url: 'redis://x', keyPrefix: 'a{b}' } })).toEqual([
      expect.stringMatching(/presence\.keyPrefix must be a non-empty string without/),
    ]);
  });

  it('derives the Redis refresh and sweep intervals from the ttl', () => {
    const resolved = resolveRealtimeOptions({ auth: { secret: SECRET }, presence: { store: 'redis', url: 'redis://x', ttlMs: 900 } });
    expect(resolved.presence).toEqual({ kind: 'redis', redis: { url: 'redis://x', keyPrefix: 'tc:presence', ttlMs: 900, refreshIntervalMs: 300, sweepIntervalMs: 300 } });
  });

  it('accepts an application store and refuses an object that is not one', () => {
    const store = new MemoryPresenceStore();
    expect(resolveRealtimeOptions({ auth: { secret: SECRET }, presence: { store } }).presence).toEqual({ kind: 'custom', store });
    expect(problemsOf({ auth: { secret: SECRET }, presence: { store: { addConnection() {} } } })).toEqual([expect.stringMatching(/^presence must be 'memory'/)]);
  });

  it('validates room kinds, hooks, health and other plain options', () => {
    expect(problemsOf({ auth: { secret: SECRET }, rooms: { 'Bad:Kind': {}, user: {}, rca: { authorize: 'yes' } } })).toEqual([
      expect.stringMatching(/room kind 'Bad:Kind' is invalid/),
      expect.stringMatching(/room kind 'user' is invalid: kind 'user' is reserved/),
      expect.stringMatching(/rooms\.rca\.authorize must be a function/),
    ]);
    expect(problemsOf({ auth: { secret: SECRET }, health: { path: 'health' }, port: 70_000, path: 'socket', presenceMeta: {} })).toHaveLength(4);
    expect(resolveRealtimeOptions({ auth: { secret: SECRET }, health: false }).health).toEqual({ enabled: false });
  });

  it('accepts the dependency floor modes and refuses anything else', () => {
    expect(resolveRealtimeOptions({ auth: { secret: SECRET } }).dependencyFloors).toBe('warn');
    expect(resolveRealtimeOptions({ auth: { secret: SECRET }, dependencyFloors: 'refuse' }).dependencyFloors).toBe('refuse');
    expect(problemsOf({ auth: { secret: SECRET }, dependencyFloors: 'strict' })).toEqual([expect.stringMatching(/dependencyFloors must be 'warn', 'refuse' or 'off'/)]);
  });

  it('refuses options that are not an object', () => {
    expect(problemsOf(undefined)).toEqual([expect.stringMatching(/options must be an object/)]);
  });
});
