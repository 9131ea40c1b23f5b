// RFC 6455 framing for the generator's side of the connection. The generator must cost less per
// delivery than the server it measures, or fan-out figures measure the generator: ws's Receiver
// (a Writable stream with its own event layers) costs about as much per small frame as the
// server spends sending it. Frames from the server are unmasked; frames to it are masked with an
// all-zero key, which is valid framing and needs no XOR. The unit tests check both directions
// against ws's own Sender and Receiver.

export const Opcode = Object.freeze({ Continuation: 0x0, Text: 0x1, Binary: 0x2, Close: 0x8, Ping: 0x9, Pong: 0xa });

const ZERO_MASK_BYTES = 4;

/** One masked frame (FIN set) carrying `payload`, as a client must send it. */
export function encodeFrame(opcode, payload) {
  const length = payload.length;
  const headerLength = (length < 126 ? 2 : length < 65_536 ? 4 : 10) + ZERO_MASK_BYTES;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = 0x80 | opcode;
  if (length < 126) {
    frame[1] = 0x80 | length;
  } else if (length < 65_536) {
    frame[1] = 0x80 | 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 0x80 | 127;
    frame.writeBigUInt64BE(BigInt(length), 2);
  }
  frame.fill(0, headerLength - ZERO_MASK_BYTES, headerLength);
  payload.copy(frame, headerLength);
  return frame;
}

/** A masked text frame. */
export function textFrame(text) {
  return encodeFrame(Opcode.Text, Buffer.from(text));
}

/**
 * Turns the bytes of a connection into whole messages: `onFrame(opcode, payload)` once per data
 * message (fragments joined) and once per control frame. Throws on a frame it cannot read.
 */
export class FrameDecoder {
  constructor(onFrame) {
    this.onFrame = onFrame;
    this.pending = undefined;
    this.fragments = undefined;
    this.fragmentOpcode = 0;
  }

  /** Consumes `chunk` now; it may be reused by the caller once this returns. */
  push(chunk) {
    let data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    let offset = 0;
    while (offset < data.length) {
      const consumed = this.readFrame(data, offset);
      if (consumed === 0) break;
      offset += consumed;
    }
    // Copied: `chunk` may be a read buffer that the next read overwrites.
    if (offset < data.length) this.pending = Buffer.from(data.subarray(offset));
  }

  /** Reads one frame at `offset`; returns the bytes it used, 0 when the frame is not complete yet. */
  readFrame(data, offset) {
    if (data.length - offset < 2) return 0;
    const first = data[offset];
    const second = data[offset + 1];
    if ((first & 0x70) !== 0) throw new Error('RSV bits set: no extension was negotiated');
    let length = second & 0x7f;
    let header = 2;
    if (length === 126) {
      if (data.length - offset < 4) return 0;
      length = data.readUInt16BE(offset + 2);
      header = 4;
    } else if (length === 127) {
      if (data.length - offset < 10) return 0;
      length = Number(data.readBigUInt64BE(offset + 2));
      header = 10;
    }
    const masked = (second & 0x80) !== 0;
    const maskOffset = offset + header;
    if (masked) header += 4;
    if (data.length - offset < header + length) return 0;
    let payload = data.subarray(offset + header, offset + header + length);
    if (masked) {
      payload = Buffer.from(payload);
      for (let i = 0; i < payload.length; i += 1) payload[i] ^= data[maskOffset + (i & 3)];
    }
    this.deliver((first & 0x80) !== 0, first & 0x0f, payload);
    return header + length;
  }

  deliver(fin, opcode, payload) {
    if (opcode >= Opcode.Close) return this.onFrame(opcode, payload);
    if (opcode !== Opcode.Continuation) {
      if (fin) return this.onFrame(opcode, payload);
      this.fragmentOpcode = opcode;
      this.fragments = [Buffer.from(payload)];
      return undefined;
    }
    if (!this.fragments) throw new Error('continuation frame without a first fragment');
    this.fragments.push(Buffer.from(payload));
    if (!fin) return undefined;
    const message = Buffer.concat(this.fragments);
    this.fragments = undefined;
    return this.onFrame(this.fragmentOpcode, message);
  }
}
