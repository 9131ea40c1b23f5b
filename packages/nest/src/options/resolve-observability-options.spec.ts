import { describe, expect, it } from 'vitest';
import { RealtimeConfigError } from '../errors/realtime-config.error';
import type { RealtimeModuleOptions } from '../realtime-options.interface';
import { LOG_LEVEL_DEFAULTS } from './resolve-logging-options';
import { resolveRealtimeOptions } from './resolve-realtime-options';

const base = { auth: { secret: 'x'.repeat(32) }, namespace: '/rca' };
/** A bcrypt hash of "admin-ui-password", cost 4 (made with bcryptjs). */
const HASH = '$2a$04$ucuyvWnKKl5djueOVI.CReSpR./L2f/9rZtj7aA/kIdAE90DxXeJm';

function problemsOf(options: Record<string, unknown>): readonly string[] {
  try {
    resolveRealtimeOptions({ ...base, ...options } as RealtimeModuleOptions);
  } catch (error) {
    if (error instanceof RealtimeConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the options to be refused');
}

describe('resolving metrics, logging and adminUi', () => {
  it('leaves metrics and the Admin UI off, and logs text at the documented levels, by default', () => {
    const resolved = resolveRealtimeOptions(base);
    expect(resolved.metrics).toEqual({ enabled: false });
    expect(resolved.adminUi).toEqual({ enabled: false });
    expect(resolved.logging).toEqual({ format: 'text', messageKey: 'msg', levels: LOG_LEVEL_DEFAULTS });
    expect(LOG_LEVEL_DEFAULTS).toMatchObject({ pong: 'debug', pingTimeout: 'warn', connected: 'log', refused: 'warn' });
  });

  it('turns metrics on with the global provider and no tenant label for `true`', () => {
    expect(resolveRealtimeOptions({ ...base, metrics: true }).metrics).toEqual({ enabled: true, provider: undefined, tenantLabel: { kind: 'none' } });
  });

  it('resolves both tenant label caps', () => {
    const allow = resolveRealtimeOptions({ ...base, metrics: { tenantLabel: { allow: ['acme'] } } }).metrics;
    expect(allow.enabled && allow.tenantLabel).toEqual({ kind: 'allow', tenants: new Set(['acme']) });
    const first = resolveRealtimeOptions({ ...base, metrics: { tenantLabel: { max: 20 } } }).metrics;
    expect(first.enabled && first.tenantLabel).toEqual({ kind: 'first', max: 20 });
  });

  it('refuses an unbounded or malformed tenant label, a bucket name in the allowlist, and a provider without getMeter', () => {
    for (const tenantLabel of [true, { max: 0 }, { max: 1.5 }, { allow: 'acme' }, { allow: [''] }, {}]) {
      expect(problemsOf({ metrics: { tenantLabel } }).join('\n')).toMatch(/metrics\.tenantLabel must be false, \{ allow/);
    }
    expect(problemsOf({ metrics: { tenantLabel: { allow: ['acme', 'other'] } } }).join('\n')).toMatch(/lists 'other', the label every tenant outside the list/);
    expect(problemsOf({ metrics: { meterProvider: {} } }).join('\n')).toMatch(/metrics\.meterProvider must be an OpenTelemetry MeterProvider/);
    expect(problemsOf({ metrics: 'yes' }).join('\n')).toMatch(/metrics must be true, false or/);
  });

  it('applies log levels per event and refuses unknown events, levels and formats', () => {
    const resolved = resolveRealtimeOptions({ ...base, logging: { format: 'object', messageKey: 'message', levels: { pong: false, connected: 'debug' } } });
    expect(resolved.logging).toEqual({ format: 'object', messageKey: 'message', levels: { ...LOG_LEVEL_DEFAULTS, pong: false, connected: 'debug' } });
    const problems = problemsOf({ logging: { format: 'json', messageKey: 'text', levels: { connect: 'log', pong: 'info' } } }).join('\n');
    expect(problems).toMatch(/logging\.format must be 'text' or 'object'/);
    expect(problems).toMatch(/logging\.messageKey must be 'msg' \(pino\) or 'message' \(winston\)/);
    expect(problems).toMatch(/logging\.levels\.connect is not a logged event; use connected, refused/);
    expect(problems).toMatch(/logging\.levels\.pong must be 'verbose', 'debug', 'log', 'warn', 'error' or false/);
  });

  it('resolves the Admin UI read-only in production mode on /admin', () => {
    expect(resolveRealtimeOptions({ ...base, adminUi: { username: 'ops', passwordHash: HASH } }).adminUi).toEqual({
      enabled: true,
      namespace: '/admin',
      username: 'ops',
      passwordHash: HASH,
      readonly: true,
      mode: 'production',
      serverId: undefined,
    });
  });

  it('refuses a plain password, the module namespace or / for the Admin UI, and says how to hash the password', () => {
    const plain = problemsOf({ adminUi: { username: 'ops', passwordHash: 'hunter2' } }).join('\n');
    expect(plain).toMatch(/adminUi\.passwordHash must be a bcrypt hash .*never the password itself: create one with `node -e/);
    expect(plain).not.toMatch(/hunter2/);
    for (const namespace of ['/rca', '/', 'admin']) expect(problemsOf({ adminUi: { username: 'ops', passwordHash: HASH, namespace } }).join('\n')).toMatch(/adminUi\.namespace must be a namespace/);
    const rest = problemsOf({ adminUi: { username: '', passwordHash: HASH, readonly: 'no', mode: 'debug', serverId: '' } }).join('\n');
    expect(rest).toMatch(/adminUi\.username must be a non-empty string/);
    expect(rest).toMatch(/adminUi\.readonly must be true or false/);
    expect(rest).toMatch(/adminUi\.mode must be 'production' or 'development'/);
    expect(rest).toMatch(/adminUi\.serverId must be a non-empty string/);
  });
});
