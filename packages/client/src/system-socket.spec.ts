import { describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { createSystemRequest } from './system-socket';

/** A socket that records what it emits and answers every acknowledgement with `answer`. */
function answeringSocket(answer: unknown) {
  const sent: { timeoutMs: number; args: unknown[] }[] = [];
  const socket = {
    timeout: (timeoutMs: number) => ({
      emit: (...args: unknown[]) => {
        sent.push({ timeoutMs, args: args.slice(0, -1) });
        (args.at(-1) as (error: Error | null, response: unknown) => void)(null, answer);
      },
    }),
  };
  return { socket: socket as unknown as Socket, sent };
}

describe('createSystemRequest', () => {
  it('sends the payload with the bound timeout and resolves with the acknowledgement', async () => {
    const ack = { ok: true, room: 'tenant:acme:rca:42', members: [] };
    const { socket, sent } = answeringSocket(ack);
    const request = createSystemRequest(socket, 1234);
    await expect(request('join', { kind: 'rca', id: '42' })).resolves.toEqual(ack);
    expect(sent).toEqual([{ timeoutMs: 1234, args: ['join', { kind: 'rca', id: '42' }] }]);
  });

  it('sends no payload argument at all for an event without payload', async () => {
    const { socket, sent } = answeringSocket({ ok: true, members: [] });
    await createSystemRequest(socket, 1000)('presence-subscribe');
    expect(sent[0]?.args).toEqual(['presence-subscribe']);
  });

  it('rejects a refusal with the server code', async () => {
    const { socket } = answeringSocket({ ok: false, error: { code: 'FORBIDDEN', message: 'not yours' } });
    await expect(createSystemRequest(socket, 1000)('join', { kind: 'rca', id: 'secret' })).rejects.toMatchObject({ code: 'FORBIDDEN', message: 'not yours' });
  });
});
