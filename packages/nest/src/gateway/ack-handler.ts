import type { Logger } from '@nestjs/common';
import { RealtimeError } from '../errors/realtime.error';

type Ack = (response: unknown) => void;

/**
 * Adapts an async request handler to a Socket.IO listener: the payload is the first argument,
 * the acknowledgement callback the last (if the client asked for one). A throw becomes an
 * `{ ok: false, error }` acknowledgement, so a bad request never reaches the process as an
 * unhandled rejection.
 */
export function ackHandler(
  handle: (payload: unknown) => Promise<unknown>,
  logger: Logger,
  event: string,
): (...args: unknown[]) => void {
  return (...args) => {
    const ack = typeof args[args.length - 1] === 'function' ? (args.pop() as Ack) : undefined;
    handle(args[0]).then(
      (response) => ack?.(response),
      (error: unknown) => {
        const payload = RealtimeError.toPayload(error);
        if (!(error instanceof RealtimeError)) logger.error(`Handler of '${event}' failed: ${error instanceof Error ? error.stack : String(error)}`);
        ack?.({ ok: false, error: payload });
      },
    );
  };
}
