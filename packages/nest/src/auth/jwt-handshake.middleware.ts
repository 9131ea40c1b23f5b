import type { Logger } from '@nestjs/common';
import { ErrorCode } from '@tenantcast/protocol';
import type { ExtendedError } from 'socket.io';
import { HandshakeError } from '../errors/handshake.error';
import type { SystemSocket } from '../gateway/system-socket';
import type { RecoveryGate } from '../recovery/recovery-gate';
import type { TokenAuthenticator } from './token-authenticator';
import { extractToken, redactToken } from './token-extraction';

/** What the handshake middleware needs. */
export interface JwtHandshakeMiddlewareOptions {
  authenticator: TokenAuthenticator;
  allowQueryToken: boolean;
  /** Hands a recovered connection its session back only once its token is verified. */
  recovery: RecoveryGate;
  logger: Logger;
}

/**
 * Socket.IO namespace middleware that authenticates every connection before any gateway sees
 * it: on success `socket.data.user` and `socket.data.tokenExpiresAt` are set; on failure the
 * client gets a `connect_error` with message `Unauthorized` and `data.code`.
 */
export function createJwtHandshakeMiddleware({
  authenticator,
  allowQueryToken,
  recovery,
  logger,
}: JwtHandshakeMiddlewareOptions): (socket: SystemSocket, next: (error?: ExtendedError) => void) => void {
  return (socket, next) => {
    const token = extractToken(socket.handshake, allowQueryToken);
    redactToken(socket.handshake);
    authenticate(socket, token, authenticator, recovery).then(
      () => next(),
      (error: unknown) => {
        recovery.discard(socket);
        const refusal = HandshakeError.from(error);
        logger.warn(`Refused handshake from ${socket.handshake.address}: code=${refusal.data.code} reason=${refusal.reason}`);
        next(refusal);
      },
    );
  };
}

async function authenticate(socket: SystemSocket, token: string | undefined, authenticator: TokenAuthenticator, recovery: RecoveryGate): Promise<void> {
  if (token === undefined) throw new HandshakeError(ErrorCode.Unauthorized, 'no token in auth.token or Authorization header');
  const { user, expiresAt } = await authenticator.authenticate(token);
  recovery.settle(socket, user);
  socket.data.user = user;
  socket.data.tokenExpiresAt = expiresAt;
}
