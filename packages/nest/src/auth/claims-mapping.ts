import { ErrorCode, roomComponentProblem, type RealtimeUser } from '@tenantcast/protocol';
import { HandshakeError } from '../errors/handshake.error';
import type { JwtClaims } from '../realtime-options.interface';

/** The default mapping: `sub` → userId, `tenantId`, `role`, `email`. */
export function defaultClaimsMapping(claims: JwtClaims): RealtimeUser | undefined {
  const user: RealtimeUser = { userId: claims.sub as string, tenantId: claims.tenantId as string };
  if (typeof claims.role === 'string') user.role = claims.role;
  if (typeof claims.email === 'string') user.email = claims.email;
  return user;
}

/**
 * Maps claims to the user and checks the ids that room names and presence keys are built from,
 * so a crafted claim (an array, `*`, `a:b`, 10 KB) is refused at the door rather than at a join.
 * A mapping that throws is a refusal too: callers only ever see a {@link HandshakeError}.
 */
export async function mapClaimsToUser(
  claims: JwtClaims,
  mapClaims: (claims: JwtClaims) => RealtimeUser | undefined | Promise<RealtimeUser | undefined>,
): Promise<RealtimeUser> {
  let user: RealtimeUser | undefined;
  try {
    user = await mapClaims(claims);
  } catch (error) {
    throw new HandshakeError(ErrorCode.Unauthorized, `claims mapping threw: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  if (typeof user !== 'object' || user === null) throw new HandshakeError(ErrorCode.Unauthorized, 'claims mapping refused the token');
  const problem = roomComponentProblem(user.userId, 'userId') ?? roomComponentProblem(user.tenantId, 'tenantId');
  if (problem) throw new HandshakeError(ErrorCode.Unauthorized, `invalid identity claim: ${problem}`);
  return user;
}
