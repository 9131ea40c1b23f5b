import type { RealtimeUser } from '@tenantcast/protocol';

/** The part of an Express request the guard reads and writes. */
export interface AuthenticatedRequest {
  headers: { authorization?: string };
  /** Set by `JwtAuthGuard` from the verified token. */
  user?: RealtimeUser;
}
