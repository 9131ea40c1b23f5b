import { ErrorCode } from '@tenantcast/protocol';
import type { Socket } from 'socket.io-client';
import { RealtimeClientError } from './realtime-client-error';

/**
 * @internal Emits `event` with `args` (the payload, or nothing for `ClientEvent<void, Ack>`) and
 * waits at most `timeoutMs` for its acknowledgement. Rejects with a {@link RealtimeClientError}:
 * `TIMEOUT`, `DISCONNECTED` when the connection closed first, or the server's code when the
 * acknowledgement is a refusal (`{ ok: false, error }`).
 */
export function requestAck(socket: Socket, event: string, args: readonly [] | readonly [payload: unknown], timeoutMs: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onAck = (error: Error | null, response: unknown): void => {
      if (error) reject(ackFailure(event, error, timeoutMs));
      else if (isRefusal(response)) reject(RealtimeClientError.from(response));
      else resolve(response);
    };
    socket.timeout(timeoutMs).emit(event, ...args, onAck);
  });
}

/** @internal Checks a request timeout, naming the option in the message. */
export function assertTimeout(value: number, name: string): void {
  // setTimeout treats anything above 2^31 - 1 ms as 0, which would fail every request at once.
  if (!(Number.isFinite(value) && value > 0 && value <= 2_147_483_647)) {
    throw new RangeError(`${name} must be a number of milliseconds between 1 and 2147483647, got ${value}`);
  }
}

function isRefusal(response: unknown): boolean {
  return typeof response === 'object' && response !== null && (response as { ok?: unknown }).ok === false;
}

function ackFailure(event: string, error: Error, timeoutMs: number): RealtimeClientError {
  // socket.io-client rejects pending acknowledgements with "socket has been disconnected" when the
  // connection closes, and with "operation has timed out" when the timer fires.
  if (/disconnected/i.test(error.message)) {
    return new RealtimeClientError(ErrorCode.Disconnected, `The connection closed before '${event}' was acknowledged.`, { cause: error });
  }
  return new RealtimeClientError(ErrorCode.Timeout, `No acknowledgement for '${event}' within ${timeoutMs} ms.`, { cause: error });
}
