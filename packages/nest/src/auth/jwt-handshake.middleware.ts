import type { Logger } from '@nestjs/common';
import { ErrorCode } from '@tenantcast/protocol';
import type { ExtendedError } from 'socket.io';
import { HandshakeError } from '../errors/handshake.error';
import type { SystemSocket } from '../gateway/system-socket';
import type { ConnectionLimiter } from '../limits/connection-limiter';
import { quoteLogValue } from '../logging/log-values';
import type { RecoveryGate } from '../recovery/recovery-gate';
import type { TokenAuthenticator } from './token-authenticator';
import { redactCredentialHeaders } from './credential-headers';
import { extractToken, redactToken } from './token-extraction';

/** What the handshake middleware needs. */
export interface JwtHandshakeMiddlewareOptions {
  authenticator: TokenAuthenticator;
  allowQueryToken: boolean;
  /** Headers taken out of the handshake, besides `authorization` (lower-case). */
  redactHeaders: ReadonlySet<string>;
  /** Hands a recovered connection its session back only once its token is verified. */
  recovery: RecoveryGate;
  logger: Logger;
  /** The connection caps; absent on namespaces the module only authenticates. */
  connections?: ConnectionLimiter;
}

/**
 * Socket.IO namespace middleware that authenticates every connection before any gateway sees
 * it: on success `socket.data.user` and `socket.data.tokenExpiresAt` are set; on failure the
 * client gets a `connect_error` with message `Unauthorized` and `data.code`. A user over a
 * connection cap is refused with `CONNECTION_LIMIT` (message `Refused`).
 */
export function createJwtHandshakeMiddleware({
  authenticator,
  allowQueryToken,
  redactHeaders,
  recovery,
  logger,
  connections,
}: JwtHandshakeMiddlewareOptions): (socket: SystemSocket, next: (error?: ExtendedError) => void) => void {
  // A child of a dynamic namespace inherits its parent's middlewares, so one socket can pass this
  // middleware twice: it authenticates once. Not judged by `socket.data.user`, which a recovered
  // session brings back before any token was checked.
  const authenticated = new WeakSet<SystemSocket>();
  return (socket, next) => {
    if (authenticated.has(socket)) return next();
    const token = extractToken(socket.handshake, allowQueryToken);
    redactToken(socket.handshake);
    redactCredentialHeaders(socket.handshake, redactHeaders);
    authenticate(socket, token, { authenticator, recovery, connections }).then(
      () => {
        authenticated.add(socket);
        next();
      },
      (error: unknown) => {
        recovery.discard(socket);
        const refusal = HandshakeError.from(error);
        logger.warn(`Refused handshake from ${quoteLogValue(socket.handshake.address)} namespace=${quoteLogValue(socket.nsp.name)}: code=${refusal.data.code} reason=${quoteLogValue(refusal.reason)}`);
        next(refusal);
      },
    );
  };
}

async function authenticate(
  socket: SystemSocket,
  token: string | undefined,
  { authenticator, recovery, connections }: Pick<JwtHandshakeMiddlewareOptions, 'authenticator' | 'recovery' | 'connections'>,
): Promise<void> {
  if (token === undefined) throw new HandshakeError(ErrorCode.Unauthorized, 'no token in auth.token or Authorization header');
  const { user, expiresAt } = await authenticator.authenticate(token);
  // Counted before a recovered session gets its rooms back, so a refusal restores nothing.
  await connections?.admit(socket, user);
  recovery.settle(socket, user);
  socket.data.user = user;
  socket.data.tokenExpiresAt = expiresAt;
}
