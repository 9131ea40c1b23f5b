import { describe, expect, it } from 'vitest';
import { connectFrame, enginePath, eventFrame, parseFrame, stampedData } from './framing.mjs';

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

describe('stampedData', () => {
  it('finds the stamp of a bare broadcast and of one in the library envelope', () => {
    expect(stampedData(['tick', { ts: 5, seq: 1 }])).toEqual({ ts: 5, seq: 1 });
    expect(stampedData(['tick', { id: 'e', type: 'tick', data: { ts: 6, seq: 2 }, metadata: {} }])).toEqual({ ts: 6, seq: 2 });
  });

  it('answers undefined for anything unstamped', () => {
    expect(stampedData(['connected', { user: {} }])).toBeUndefined();
    expect(stampedData(['tick', null])).toBeUndefined();
    expect(stampedData(undefined)).toBeUndefined();
  });
});
