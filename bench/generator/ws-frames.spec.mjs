import { describe, expect, it } from 'vitest';
import { Receiver, Sender } from 'ws';
import { encodeFrame, FrameDecoder, Opcode, textFrame } from './ws-frames.mjs';

/** Frames exactly as a ws server writes them (unmasked), captured from its Sender. */
function serverFrames(messages, { fragment = false } = {}) {
  const chunks = [];
  const socket = { cork() {}, uncork() {}, write: (chunk) => chunks.push(Buffer.from(chunk)) };
  const sender = new Sender(socket);
  for (const message of messages) {
    if (fragment) {
      const half = Math.floor(message.length / 2);
      sender.send(message.slice(0, half), { binary: false, fin: false, mask: false, compress: false });
      sender.send(message.slice(half), { binary: false, fin: true, mask: false, compress: false });
    } else {
      sender.send(message, { binary: false, fin: true, mask: false, compress: false });
    }
  }
  return Buffer.concat(chunks);
}

function decodeAll(bytes, chunkSize = bytes.length) {
  const messages = [];
  const decoder = new FrameDecoder((opcode, payload) => messages.push([opcode, payload.toString()]));
  for (let i = 0; i < bytes.length; i += chunkSize) decoder.push(bytes.subarray(i, i + chunkSize));
  return messages;
}

describe('FrameDecoder reads what a ws server sends', () => {
  const messages = ['3', `42/rca,["tick",{"ts":1}]`, 'x'.repeat(200), 'y'.repeat(70_000)];

  it('in one chunk, with 7-bit, 16-bit and 64-bit lengths', () => {
    expect(decodeAll(serverFrames(messages))).toEqual(messages.map((message) => [Opcode.Text, message]));
  });

  it('split across TCP chunks at every boundary', () => {
    expect(decodeAll(serverFrames(messages), 7)).toEqual(messages.map((message) => [Opcode.Text, message]));
  });

  it('joins fragmented messages', () => {
    expect(decodeAll(serverFrames(['fragmented message'], { fragment: true }))).toEqual([[Opcode.Text, 'fragmented message']]);
  });

  it('refuses frames with extension bits it did not negotiate', () => {
    expect(() => decodeAll(Buffer.from([0xc1, 0x01, 0x41]))).toThrow(/RSV/);
  });
});

describe('encodeFrame writes what a ws server accepts', () => {
  it('masked text frames of every length class, and control frames', async () => {
    const received = [];
    const receiver = new Receiver({ isServer: true });
    receiver.on('message', (data) => received.push(data.toString()));
    receiver.on('pong', (data) => received.push(`pong:${data.toString()}`));
    const texts = ['2', 'a'.repeat(126), 'b'.repeat(70_000)];
    for (const text of texts) receiver.write(textFrame(text));
    receiver.write(encodeFrame(Opcode.Pong, Buffer.from('p')));
    await new Promise((resolve) => setImmediate(resolve));
    expect(received).toEqual([...texts, 'pong:p']);
  });
});
