import { describe, expect, it } from 'vitest';
import { acceptFor, upgradeProblem } from './websocket.mjs';

// RFC 6455 §1.3's example key and accept value.
const KEY = 'dGhlIHNhbXBsZSBub25jZQ==';
const ACCEPT = 's3pPLMBiTxaQ9kYGzzhZRbK+xOo=';

describe('the hand-written upgrade check', () => {
  it('computes Sec-WebSocket-Accept as RFC 6455 does', () => {
    expect(acceptFor(KEY)).toBe(ACCEPT);
  });

  it('accepts a 101 with the right accept header, in any header case', () => {
    expect(upgradeProblem(`HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nsec-websocket-accept: ${ACCEPT}`, KEY)).toBeUndefined();
  });

  it('refuses other statuses and a wrong or missing accept header', () => {
    expect(upgradeProblem('HTTP/1.1 400 Bad Request\r\n', KEY)).toBe('upgrade refused: HTTP/1.1 400 Bad Request');
    expect(upgradeProblem('HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: nope', KEY)).toMatch(/wrong Sec-WebSocket-Accept/);
    expect(upgradeProblem('HTTP/1.1 101 Switching Protocols', KEY)).toMatch(/wrong Sec-WebSocket-Accept/);
  });
});
