import type { Logger } from '@nestjs/common';
import { RealtimeError } from '../errors/realtime.error';

type Ack = (response: unknown) => void;

/**
 * Runs an async request handler for an incoming packet (`[event, ...args]`, as a `socket.use`
 * middleware sees it): the payload is the first argument, the acknowledgement callback the last
 * (if the client asked for one). A throw becomes an `{ ok: false, error }` acknowledgement, so a
 * bad request never reaches the process as an unhandled rejection.
 */
export function answerRequest(packet: unknown[], handle: (payload: unknown) => Promise<unknown>, logger: Logger, event: unknown): void {
  const args = packet.slice(1);
  const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as Ack) : undefined;
  handle(args[0]).then(
    (response) => ack?.(response),
    (error: unknown) => {
      const payload = RealtimeError.toPayload(error);
      if (!(error instanceof RealtimeError)) logger.error(`Handler of '${String(event)}' failed: ${error instanceof Error ? error.stack : String(error)}`);
      ack?.({ ok: false, error: payload });
    },
  );
}
