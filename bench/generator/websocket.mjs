// The generator's WebSocket connection: the HTTP upgrade written and checked by hand over a plain
// TCP socket, then the frames of ws-frames.mjs. ws's client goes through Node's http client and
// its Receiver stream; per connection and per small message each costs the generator about as
// much CPU as the server spends, so the generator would be what B1 and B3 measure.
import { createHash, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { encodeFrame, FrameDecoder, Opcode, textFrame } from './ws-frames.mjs';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const HEADER_END = Buffer.from('\r\n\r\n');
const MAX_HEADER_BYTES = 8_192;
/**
 * One read buffer for every connection of the process (Node's `onread` option): reads skip the
 * stream machinery and allocate nothing. Safe because each read is consumed synchronously in its
 * callback; bytes kept for later (a partial frame or header) are copied out first.
 */
const READ_BUFFER = Buffer.allocUnsafe(256 * 1024);

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
 * A client WebSocket with what the generator uses: `send(text)`, `terminate()`, and the hooks
 * `onMessage(text)`, `onClose()`, `onError(error)`, called directly (no event emitter on the
 * per-message path).
 */
export class WebSocketConnection {
  constructor(host, port, path, { onMessage, onClose, onError }) {
    this.onMessage = onMessage;
    this.onClose = onClose;
    this.onError = onError;
    this.open = false;
    this.closed = false;
    const key = randomBytes(16).toString('base64');
    let head = Buffer.alloc(0);
    let decoder;
    const onHead = (chunk) => {
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf(HEADER_END);
      if (end === -1) {
        if (head.length > MAX_HEADER_BYTES) this.fail(new Error('upgrade response too large'));
        return;
      }
      const problem = upgradeProblem(head.subarray(0, end).toString('latin1'), key);
      if (problem) return this.fail(new Error(problem));
      decoder = this.start();
      const rest = head.subarray(end + HEADER_END.length);
      if (rest.length > 0) decoder.push(rest);
    };
    const socket = connect({
      host,
      port,
      noDelay: true,
      onread: {
        buffer: READ_BUFFER,
        callback: (bytes, buffer) => {
          const chunk = buffer.subarray(0, bytes);
          try {
            if (decoder) decoder.push(chunk);
            else onHead(chunk);
          } catch (error) {
            this.fail(error);
          }
        },
      },
    });
    this.socket = socket;
    socket.once('connect', () => {
      socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${key}\r\n\r\n`);
    });
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.finish());
  }

  /** Switches to frames once the upgrade is accepted; returns the decoder reads go to. */
  start() {
    this.open = true;
    return new FrameDecoder((opcode, payload) => {
      if (opcode === Opcode.Text) this.onMessage(payload.toString());
      else if (opcode === Opcode.Ping) this.socket.write(encodeFrame(Opcode.Pong, payload));
      else if (opcode === Opcode.Close) this.socket.end();
    });
  }

  /** Sends one text frame. */
  send(text) {
    if (this.open && !this.closed) this.socket.write(textFrame(text));
  }

  /** Destroys the TCP socket at once, without a close handshake. */
  terminate() {
    this.socket.destroy();
  }

  fail(error) {
    if (this.closed) return;
    this.onError(error);
    this.socket.destroy();
  }

  finish() {
    if (this.closed) return;
    this.closed = true;
    this.open = false;
    this.onClose();
  }
}
