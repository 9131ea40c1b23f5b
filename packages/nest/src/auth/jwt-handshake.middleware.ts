import type { Logger } from '@nestjs/common';
import { ErrorCode } from '@tenantcast/protocol';
import type { ExtendedError } from 'socket.io';
import { HandshakeError } from '../errors/handshake.error';
import type { RealtimeSocket } from '../realtime-socket';
import type { ResolvedRealtimeOptions } from '../resolve-realtime-options';
import type { TokenAuthenticator } from './token-authenticator';
import { extractToken, redactToken } from './token-extraction';

/**
 * Socket.IO namespace middleware that authenticates every connection before any gateway sees
 * it: on success `socket.data.user` and `socket.data.tokenExpiresAt` are set; on failure the
 * client gets a `connect_error` with message `Unauthorized` and `data.code`.
 */
export function createJwtHandshakeMiddleware(
  authenticator: TokenAuthenticator,
  auth: ResolvedRealtimeOptions['auth'],
  logger: Logger,
): (socket: RealtimeSocket, next: (error?: ExtendedError) => void) => void {
  return (socket, next) => {
    const token = extractToken(socket.handshake, auth.allowQueryToken);
    redactToken(socket.handshake);
    authenticate(socket, token, authenticator).then(
      () => next(),
      (refusal: HandshakeError) => {
        logger.warn(`Refused handshake from ${socket.handshake.address}: code=${refusal.data.code} reason=${refusal.reason}`);
        next(refusal);
      },
    );
  };
}

async function authenticate(socket: RealtimeSocket, token: string | undefined, authenticator: TokenAuthenticator): Promise<void> {
  if (token === undefined) throw new HandshakeError(ErrorCode.Unauthorized, 'no token in auth.token or Authorization header');
  const { user, expiresAt } = await authenticator.authenticate(token);
  socket.data.user = user;
  socket.data.tokenExpiresAt = expiresAt;
}
