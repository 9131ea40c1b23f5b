import { ErrorCode, type RealtimeUser } from '@tenantcast/protocol';
import type { ExtendedError } from 'socket.io';
import { HandshakeError } from '../errors/handshake.error';
import type { SystemSocket } from '../gateway/system-socket';
import type { ConnectionLimiter } from '../limits/connection-limiter';
import type { RealtimeObserver } from '../observability/realtime-observer';
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
  /** Hears every outcome: refusals are logged and counted, durations measured. */
  observer: RealtimeObserver;
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
  observer,
  connections,
}: JwtHandshakeMiddlewareOptions): (socket: SystemSocket, next: (error?: ExtendedError) => void) => void {
  // A child of a dynamic namespace inherits its parent's middlewares, so one socket can pass this
  // middleware twice: it authenticates once. Not judged by `socket.data.user`, which a recovered
  // session brings back before any token was checked.
  const authenticated = new WeakSet<SystemSocket>();
  return (socket, next) => {
    if (authenticated.has(socket)) return next();
    const startedAt = observer.handshakeStarted();
    const token = extractToken(socket.handshake, allowQueryToken);
    redactToken(socket.handshake);
    redactCredentialHeaders(socket.handshake, redactHeaders);
    const verified: { user?: RealtimeUser } = {};
    authenticate(socket, token, { authenticator, recovery, connections }, verified).then(
      () => {
        authenticated.add(socket);
        observer.handshakeAccepted(startedAt);
        next();
      },
      (error: unknown) => {
        recovery.discard(socket);
        const refusal = HandshakeError.from(error);
        observer.handshakeRefused(socket, refusal, verified.user, startedAt);
        next(refusal);
      },
    );
  };
}

/** Verifies the token and admits the connection; `verified.user` is set once the token checks out. */
async function authenticate(
  socket: SystemSocket,
  token: string | undefined,
  { authenticator, recovery, connections }: Pick<JwtHandshakeMiddlewareOptions, 'authenticator' | 'recovery' | 'connections'>,
  verified: { user?: RealtimeUser },
): Promise<void> {
  if (token === undefined) throw new HandshakeError(ErrorCode.Unauthorized, 'no token in auth.token or Authorization header');
  const { user, expiresAt } = await authenticator.authenticate(token);
  verified.user = user;
  // Counted before a recovered session gets its rooms back, so a refusal restores nothing.
  await connections?.admit(socket, user);
  recovery.settle(socket, user);
  socket.data.user = user;
  socket.data.tokenExpiresAt = expiresAt;
}
