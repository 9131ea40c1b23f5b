import { describe, expect, it } from 'vitest';
import { connectFrame, enginePath, eventFrame, parseFrame, readStamp, stampedPrefix } from './framing.mjs';

describe('frames the generator sends', () => {
  it('connects to a namespace with its auth payload', () => {
    expect(connectFrame('/rca', { token: 't' })).toBe('40/rca,{"token":"t"}');
    expect(connectFrame('/', { token: 't' })).toBe('40{"token":"t"}');
  });

  it('sends events with and without an ack id', () => {
    expect(eventFrame('/rca', 'rpc', [{ n: 1 }], 7)).toBe('42/rca,7["rpc",{"n":1}]');
    expect(eventFrame('/rca', 'hello', [])).toBe('42/rca,["hello"]');
  });

  it('asks Engine.IO v4 for the WebSocket transport only', () => {
    expect(enginePath()).toBe('/socket.io/?EIO=4&transport=websocket');
  });
});

describe('parseFrame', () => {
  it('reads events, acks and refusals of its namespace', () => {
    expect(parseFrame('42/rca,["tick",{"ts":1}]', '/rca')).toEqual({ engine: '4', type: '2', ackId: undefined, data: ['tick', { ts: 1 }] });
    expect(parseFrame('43/rca,12[{"ok":true}]', '/rca')).toEqual({ engine: '4', type: '3', ackId: 12, data: [{ ok: true }] });
    expect(parseFrame('44/rca,{"message":"Unauthorized","data":{"code":"UNAUTHORIZED"}}', '/rca').data.data.code).toBe('UNAUTHORIZED');
    expect(parseFrame('41/rca,', '/rca')).toEqual({ engine: '4', type: '1', ackId: undefined, data: undefined });
  });

  it('ignores packets of other namespaces', () => {
    expect(parseFrame('42/other,["tick"]', '/rca')).toBeUndefined();
    expect(parseFrame('42/rca,["tick"]', '/')).toBeUndefined();
  });

  it('passes Engine.IO control packets through by type', () => {
    expect(parseFrame('2', '/rca')).toEqual({ engine: '2' });
    expect(parseFrame('0{"sid":"x"}', '/rca')).toEqual({ engine: '0' });
  });
});

describe('readStamp', () => {
  const stamp = { ts: 1764623456789.123, seq: 42, tenantId: 'tenant-3' };

  it('reads the stamp of a bare broadcast as JSON.parse would', () => {
    const frame = eventFrame('/rca', 'tick', [{ ...stamp, payload: 'x'.repeat(100) }]);
    expect(frame.startsWith(stampedPrefix('/rca'))).toBe(true);
    expect(readStamp(frame)).toEqual(stamp);
  });

  it('reads the stamp inside the library envelope, not its timestamp or metadata', () => {
    const envelope = { id: 'e1', type: 'tick', data: { ...stamp, payload: 'x' }, timestamp: 1764623456000, metadata: { tenantId: 'tenant-3' } };
    expect(readStamp(eventFrame('/rca', 'tick', [envelope]))).toEqual(stamp);
  });

  it('reads integers, negatives and exponents', () => {
    expect(readStamp('42/rca,["tick",{"ts":-1.5e3,"seq":0,"tenantId":"t"}]')).toEqual({ ts: -1500, seq: 0, tenantId: 't' });
  });

  it('answers undefined when a field is missing', () => {
    expect(readStamp('42/rca,["tick",{"ts":1,"tenantId":"t"}]')).toBeUndefined();
  });
});
