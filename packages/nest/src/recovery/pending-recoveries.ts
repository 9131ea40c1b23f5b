/** What a recovered session brought back, held until its new token is verified. */
export interface DeferredSession {
  /** The rooms the connection was in when it dropped. */
  rooms: string[];
  /** The events it missed, in order, each as Socket.IO packet data (event name, arguments, offset). */
  missedPackets: unknown[][];
}

/**
 * Restored sessions waiting for the handshake middleware, keyed by socket id. An entry whose
 * handshake never completes (the client went away) is dropped after `holdMs`.
 */
export class PendingRecoveries {
  private readonly sessions = new Map<string, { session: DeferredSession; timer: NodeJS.Timeout }>();

  constructor(private readonly holdMs: number) {}

  /** Holds the rooms and missed events of a restored socket. */
  hold(socketId: string, session: DeferredSession): void {
    this.drop(socketId);
    const timer = setTimeout(() => this.sessions.delete(socketId), this.holdMs);
    timer.unref();
    this.sessions.set(socketId, { session, timer });
  }

  /** Hands out (and forgets) what was held for `socketId`. */
  take(socketId: string): DeferredSession | undefined {
    const entry = this.sessions.get(socketId);
    this.drop(socketId);
    return entry?.session;
  }

  private drop(socketId: string): void {
    const entry = this.sessions.get(socketId);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.sessions.delete(socketId);
  }
}
