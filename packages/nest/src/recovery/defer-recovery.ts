import type { Namespace } from 'socket.io';
import type { AdapterFactory } from '../adapter/realtime-adapter';
import type { PendingRecoveries } from './pending-recoveries';

interface RestoredSession {
  sid: string;
  rooms: string[];
  missedPackets: unknown[][];
}

interface RecoveringAdapter {
  restoreSession(pid: string, offset: string): Promise<RestoredSession | null>;
}

/**
 * Wraps an adapter factory so that a restored session comes back without its rooms and missed
 * events. Socket.IO joins the rooms and writes the missed events to the wire as soon as the
 * session is found, before any middleware has looked at the new handshake: a client holding a
 * stolen session id would receive them with no token at all. They are held in `pending` instead
 * and handed over by the handshake middleware once the token is verified and names the same
 * user and tenant ({@link RecoveryGate}).
 */
export function deferRecovery(base: AdapterFactory, pending: PendingRecoveries): AdapterFactory {
  const Base = base as unknown as new (namespace: Namespace) => RecoveringAdapter;
  // A plain function, not an arrow: Socket.IO calls the factory with `new`.
  function RecoveryDeferringAdapter(namespace: Namespace): RecoveringAdapter {
    const adapter = new Base(namespace);
    const restore = adapter.restoreSession.bind(adapter);
    adapter.restoreSession = async (pid, offset) => {
      const session = await restore(pid, offset);
      if (!session) return session;
      pending.hold(session.sid, { rooms: [...session.rooms], missedPackets: session.missedPackets });
      return { ...session, rooms: [], missedPackets: [] };
    };
    return adapter;
  }
  return RecoveryDeferringAdapter as unknown as AdapterFactory;
}
