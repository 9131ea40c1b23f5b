import { describe, expect, it } from 'vitest';
import { isEnvelope } from './envelope';
import { ErrorCode, isErrorCode } from './error-codes';
import { isApplicationEventName, isSystemEvent, SystemEvent } from './system-events';

describe('error codes, envelopes and system events', () => {
  it('lists the codes the design names, and recognises only those', () => {
    expect(Object.values(ErrorCode)).toEqual(
      expect.arrayContaining(['UNAUTHORIZED', 'TOKEN_EXPIRED', 'FORBIDDEN', 'INVALID_ROOM', 'ROOM_LIMIT', 'INVALID_PAYLOAD', 'RATE_LIMITED', 'CONNECTION_LIMIT', 'PAYLOAD_TOO_LARGE', 'INTERNAL']),
    );
    expect(isErrorCode('FORBIDDEN')).toBe(true);
    expect(isErrorCode('forbidden')).toBe(false);
    expect(isErrorCode(undefined)).toBe(false);
  });

  it('recognises an envelope and rejects look-alikes', () => {
    const envelope = { id: 'e1', type: 'rca-updated', data: null, timestamp: 1, metadata: { tenantId: 'acme' } };
    expect(isEnvelope(envelope)).toBe(true);
    expect(isEnvelope({ ...envelope, metadata: {} })).toBe(false);
    expect(isEnvelope({ ...envelope, timestamp: '1' })).toBe(false);
    const { data: _omitted, ...withoutData } = envelope;
    expect(isEnvelope(withoutData)).toBe(false);
    expect(isEnvelope(null)).toBe(false);
  });

  it('reserves the system event names and Socket.IO’s own', () => {
    expect(isSystemEvent(SystemEvent.Join)).toBe(true);
    expect(isSystemEvent('room-lost')).toBe(true);
    expect(isSystemEvent('rca-updated')).toBe(false);
    expect(isApplicationEventName('rca-updated')).toBe(true);
    for (const name of ['join', 'connected', 'disconnect', 'connect_error', 'newListener', '', 42]) expect(isApplicationEventName(name)).toBe(false);
  });
});
