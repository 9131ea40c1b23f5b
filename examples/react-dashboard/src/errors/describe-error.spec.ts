import { ErrorCode } from '@tenantcast/protocol';
import { describe, expect, it } from 'vitest';
import { describeError } from './describe-error';

describe('describeError', () => {
  it('names the RCA a refusal is about and says whom to ask', () => {
    expect(describeError(ErrorCode.Forbidden, { kind: 'rca', id: '42' })).toEqual({
      title: 'You may not open RCA 42',
      action: expect.stringContaining('Ask an engineer of your tenant to share it'),
    });
    expect(describeError(ErrorCode.InvalidRoom, { kind: 'rca', id: 'a:b' }).title).toBe('“a:b” is not a valid RCA id');
  });

  it('tells an expired or refused session to sign in again, and an unreachable server that retrying goes on', () => {
    expect(describeError(ErrorCode.TokenExpired, { kind: 'session' })).toEqual({ title: 'Your session expired', action: 'Sign in again to get a fresh token.' });
    expect(describeError(ErrorCode.Unauthorized, { kind: 'session' }).action).toBe('Sign in again.');
    expect(describeError(ErrorCode.Disconnected, { kind: 'request' }).action).toMatch(/keeps retrying/);
  });

  it('has words for every protocol error code', () => {
    for (const code of Object.values(ErrorCode)) {
      const text = describeError(code, { kind: 'request' });
      expect(text.title.length, code).toBeGreaterThan(0);
      expect(text.action.length, code).toBeGreaterThan(0);
    }
  });
});
