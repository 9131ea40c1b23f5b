import { describe, expect, it } from 'vitest';
import { isRealtimeClientError, RealtimeClientError } from './realtime-client-error';

describe('RealtimeClientError', () => {
  it('keeps the code of a connect_error refusal, an ErrorPayload and a refused acknowledgement', () => {
    const connectError = Object.assign(new Error('Unauthorized'), { data: { code: 'TOKEN_EXPIRED', message: 'The token has expired' } });
    expect(RealtimeClientError.from(connectError)).toMatchObject({ code: 'TOKEN_EXPIRED', message: 'The token has expired', cause: connectError });
    expect(RealtimeClientError.from({ code: 'FORBIDDEN', message: 'nope' })).toMatchObject({ code: 'FORBIDDEN', message: 'nope' });
    expect(RealtimeClientError.from({ ok: false, error: { code: 'RATE_LIMITED', message: 'slow down' } })).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('keeps the details of an INVALID_PAYLOAD refusal and the retryAfterMs of a RATE_LIMITED one', () => {
    const details = [{ path: ['text'], message: 'Expected string' }];
    const invalid = RealtimeClientError.from({ ok: false, error: { code: 'INVALID_PAYLOAD', message: 'Bad payload.', details } });
    expect(invalid).toMatchObject({ code: 'INVALID_PAYLOAD', details });
    expect(invalid.toPayload()).toEqual({ code: 'INVALID_PAYLOAD', message: 'Bad payload.', details });
    const limited = RealtimeClientError.from({ code: 'RATE_LIMITED', message: 'Slow down.', retryAfterMs: 250 });
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', retryAfterMs: 250 });
    expect(RealtimeClientError.from({ code: 'RATE_LIMITED', message: 'x', retryAfterMs: 'soon' }).retryAfterMs).toBeUndefined();
  });

  it('turns anything else into INTERNAL, keeping the original as cause', () => {
    const original = new TypeError('boom');
    const error = RealtimeClientError.from(original);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'boom', cause: original, name: 'RealtimeClientError' });
    expect(RealtimeClientError.from('text').message).toBe('text');
    expect(RealtimeClientError.from({ code: 'NOT_A_CODE' }).code).toBe('INTERNAL');
  });

  it('returns an instance as is and is recognised across package copies', () => {
    const error = new RealtimeClientError('TIMEOUT', 'late');
    expect(RealtimeClientError.from(error)).toBe(error);
    expect(isRealtimeClientError(error)).toBe(true);
    expect(error).toBeInstanceOf(Error);
    // What a second copy of the class (ESM + CJS in one app) produces:
    const foreign = Object.assign(new Error('late'), { code: 'TIMEOUT', [Symbol.for('tenantcast.RealtimeClientError')]: true });
    expect(isRealtimeClientError(foreign)).toBe(true);
    expect(isRealtimeClientError(new Error('x'))).toBe(false);
    expect(isRealtimeClientError(null)).toBe(false);
    expect(error.toPayload()).toEqual({ code: 'TIMEOUT', message: 'late' });
  });
});
