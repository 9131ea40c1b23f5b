/**
 * What envelopes are sent through: a Socket.IO namespace (in a server process) or a
 * `@socket.io/redis-emitter` `Emitter` (in a process without sockets). Both address rooms the
 * same way, so one implementation serves both.
 */
export interface BroadcastTarget {
  /** The sockets in `room`, on every process the adapter reaches. */
  to(room: string): {
    emit(event: string, ...args: unknown[]): unknown;
    disconnectSockets(close?: boolean): void;
  };
}
