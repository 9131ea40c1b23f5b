import type { Logger } from '@nestjs/common';
import { ErrorCode } from '@tenantcast/protocol';
import type { ExtendedError, Namespace, Server } from 'socket.io';
import { HandshakeError } from '../errors/handshake.error';
import { quoteLogValue } from '../logging/log-values';

type Middleware = (socket: Parameters<Parameters<Namespace['use']>[0]>[0], next: (error?: ExtendedError) => void) => void;

/**
 * Leaves no namespace of the server open: Socket.IO always serves its main namespace `/`, and
 * creates others for other gateways or dynamic names. Every namespace but the module's own gets
 * the handshake authentication (so other gateways only see authenticated sockets), except `/`,
 * which is refused outright unless it is the module's namespace: a raw client that sends `40`
 * would otherwise hold a session with no token at all, for as long as it answers pings.
 */
export function guardOtherNamespaces(server: Server, moduleNamespace: string, authenticate: Middleware, logger: Logger): void {
  const guard = (namespace: Namespace): void => {
    if (namespace.name === moduleNamespace) return;
    if (namespace.name === '/') namespace.use(refuseMainNamespace(moduleNamespace, logger));
    else namespace.use(authenticate);
  };
  for (const namespace of server._nsps.values()) guard(namespace);
  server.sockets.on('new_namespace', guard);
}

function refuseMainNamespace(moduleNamespace: string, logger: Logger): Middleware {
  return (socket, next) => {
    logger.warn(`Refused handshake from ${quoteLogValue(socket.handshake.address)} namespace=/: code=FORBIDDEN reason=only ${quoteLogValue(moduleNamespace)} is served`);
    next(new HandshakeError(ErrorCode.Forbidden, `namespace / is not served; the module serves ${moduleNamespace}`));
  };
}
