/** One connection as the connection caps count it. */
export interface CountedConnection {
  tenantId: string;
  userId: string;
  connectionId: string;
}

/** The caps one acquisition is checked against; `undefined` is no cap. */
export interface ConnectionCaps {
  perUser: number | undefined;
  perTenant: number | undefined;
}

/** `ok`, or which cap is full. */
export type AcquireOutcome = 'ok' | 'user' | 'tenant';

/**
 * Counts live connections per user and per tenant so that a handshake above a cap is refused.
 * `acquire` checks and records in one atomic step (two handshakes racing for the last slot never
 * both get it); `release` is idempotent.
 */
export interface ConnectionCounter {
  acquire(connection: CountedConnection, caps: ConnectionCaps): Promise<AcquireOutcome>;
  release(connection: CountedConnection): Promise<void>;
  close(): Promise<void>;
}
