// The generator's WebSocket connection: the HTTP upgrade written and checked by hand over a
// plain TCP socket, then ws's own Receiver and Sender for the frames. ws's client goes through
// Node's http client, which costs the generator about as much CPU per connection as the server
// spends on the handshake; with this the generator stays well under its 50% budget at the connect
// rates B1 measures, and the framing is still ws's.
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { connect } from 'node:net';
import { Receiver, Sender } from 'ws';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 8_192;
/**
 * An all-zero masking key: valid framing (the server unmasks with it like any other), and ws
 * skips the XOR for it. A load generator has no intermediary to defend against, which is what
 * random keys are for.
 */
const zeroMask = (mask) => mask.fill(0);

/** The `Sec-WebSocket-Accept` a server must answer to `key` (RFC 6455 §4.2.2). */
export function acceptFor(key) {
  return createHash('sha1').update(key + GUID).digest('base64');
}

/** Checks a 101 response head; returns the problem, or `undefined` when it is a valid upgrade for `key`. */
export function upgradeProblem(head, key) {
  const [status, ...lines] = head.split('\r\n');
  if (!/^HTTP\/1\.1 101\b/.test(status)) return `upgrade refused: ${status}`;
  const accept = lines.find((line) => line.toLowerCase().startsWith('sec-websocket-accept:'));
  if (!accept || accept.slice(accept.indexOf(':') + 1).trim() !== acceptFor(key)) return 'upgrade answered with a wrong Sec-WebSocket-Accept';
  return undefined;
}

/**
 * A client WebSocket with the few members the generator uses: `send(text)`, `terminate()`, and
 * the events `open`, `message` (string), `close`, `error`.
 */
export class WebSocketConnection extends EventEmitter {
  constructor(host, port, path) {
    super();
    this.open = false;
    this.closed = false;
    const key = randomBytes(16).toString('base64');
    const socket = connect({ host, port, noDelay: true });
    this.socket = socket;
    let head = Buffer.alloc(0);
    const onHead = (chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf(HEADER_END);
      if (end === -1) {
        if (head.length > MAX_HEADER_BYTES) this.fail(new Error('upgrade response too large'));
        return;
      }
      socket.off('data', onHead);
      const problem = upgradeProblem(head.subarray(0, end).toString('latin1'), key);
      if (problem) return this.fail(new Error(problem));
      this.start(head.subarray(end + HEADER_END.length));
    };
    socket.on('data', onHead);
    socket.once('connect', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${key}\r\n\r\n`);
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.finish());
  }

  start(rest) {
    const receiver = new Receiver({ isServer: false, skipUTF8Validation: true, maxPayload: 0 });
    this.sender = new Sender(this.socket, {}, zeroMask);
    receiver.on('message', (data) => this.emit('message', data.toString()));
    receiver.on('ping', (data) => this.sender.pong(data, true, false));
    receiver.on('conclude', () => this.socket.end());
    receiver.on('error', (error) => this.fail(error));
    this.socket.on('data', (chunk) => receiver.write(chunk));
    this.open = true;
    this.emit('open');
    if (rest.length > 0) receiver.write(rest);
  }

  /** Sends one text frame (masked, as a client must). */
  send(text) {
    if (!this.open || this.closed) return;
    this.sender.send(text, { binary: false, compress: false, fin: true, mask: true });
  }

  /** Destroys the TCP socket at once, without a close handshake. */
  terminate() {
    this.socket.destroy();
  }

  fail(error) {
    if (this.closed) return;
    this.emit('error', error);
    this.socket.destroy();
  }

  finish() {
    if (this.closed) return;
    this.closed = true;
    this.open = false;
    this.emit('close');
  }
}
