import { ErrorCode } from '@tenantcast/protocol';
import type { ExtendedError, Namespace, Server } from 'socket.io';
import { HandshakeError } from '../errors/handshake.error';
import type { RealtimeObserver } from '../observability/realtime-observer';
import type { SystemSocket } from './system-socket';

type Middleware = (socket: Parameters<Parameters<Namespace['use']>[0]>[0], next: (error?: ExtendedError) => void) => void;

/**
 * Leaves no namespace of the server open: Socket.IO always serves its main namespace `/`, and
 * creates others for other gateways or dynamic names. Every namespace but the module's own gets
 * the handshake authentication (so other gateways only see authenticated sockets), except `/`,
 * which is refused outright unless it is the module's namespace: a raw client that sends `40`
 * would otherwise hold a session with no token at all, for as long as it answers pings.
 * `exempt` is a namespace with its own authentication (the Admin UI's, behind its password).
 */
export function guardOtherNamespaces(server: Server, moduleNamespace: string, authenticate: Middleware, observer: RealtimeObserver, exempt?: string): void {
  const guard = (namespace: Namespace): void => {
    if (namespace.name === moduleNamespace || namespace.name === exempt) return;
    if (namespace.name === '/') namespace.use(refuseMainNamespace(moduleNamespace, observer));
    else namespace.use(authenticate);
  };
  for (const namespace of server._nsps.values()) guard(namespace);
  server.sockets.on('new_namespace', guard);
}

function refuseMainNamespace(moduleNamespace: string, observer: RealtimeObserver): Middleware {
  return (socket, next) => {
    const refusal = new HandshakeError(ErrorCode.Forbidden, `namespace / is not served; the module serves ${moduleNamespace}`);
    observer.handshakeRefused(socket as unknown as SystemSocket, refusal, undefined, observer.handshakeStarted());
    next(refusal);
  };
}
