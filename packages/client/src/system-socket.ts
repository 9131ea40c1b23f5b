import type { ClientEventAck, ClientEventPayload, ClientToServerEvents, ServerToClientEvents, SystemClientEvents } from '@tenantcast/protocol';
import type { Socket } from 'socket.io-client';
import { requestAck } from './ack-request';
import type { EmitArgs, NoEvents, RequestResult } from './event-types';

/** @internal The socket as Tenantcast's own events type it, so system listeners get their payloads. */
export type SystemSocket = Socket<ServerToClientEvents<NoEvents>, ClientToServerEvents<NoEvents>>;

/** @internal The accepted acknowledgement of system event `K`. */
export type SystemAck<K extends keyof SystemClientEvents> = RequestResult<ClientEventAck<SystemClientEvents, K>>;

/**
 * @internal Sends system event `K` with its protocol payload and resolves with the accepted
 * acknowledgement; rejects with a `RealtimeClientError` as `request` does.
 */
export type SystemRequest = <K extends keyof SystemClientEvents>(
  event: K,
  ...args: EmitArgs<ClientEventPayload<SystemClientEvents, K>>
) => Promise<SystemAck<K>>;

/** @internal A {@link SystemRequest} over `socket`, each waiting at most `timeoutMs`. */
export function createSystemRequest(socket: Socket, timeoutMs: number): SystemRequest {
  return <K extends keyof SystemClientEvents>(event: K, ...args: EmitArgs<ClientEventPayload<SystemClientEvents, K>>) => {
    // The wire is untyped at run time: the protocol fixes each system event's acknowledgement,
    // and requestAck has already turned a refusal into a rejection.
    return requestAck(socket, event, args, timeoutMs) as Promise<SystemAck<K>>;
  };
}
