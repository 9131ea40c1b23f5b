/** Where an RCA stands, in the order an investigation moves through them. */
export const RCA_STATUSES = ['open', 'investigating', 'action-planned', 'closed'] as const;

/** One of {@link RCA_STATUSES}. */
export type RcaStatus = (typeof RCA_STATUSES)[number];

/** Tells whether a value names an RCA status. */
export function isRcaStatus(value: unknown): value is RcaStatus {
  return typeof value === 'string' && (RCA_STATUSES as readonly string[]).includes(value);
}

/** An RCA as lists show it (`GET /rcas`). */
export interface RcaSummary {
  id: string;
  title: string;
  status: RcaStatus;
  /** When the status last changed, in milliseconds since the Unix epoch. */
  updatedAt: number;
  /** Who changed it last; absent for the seeded status. */
  updatedBy?: string;
}
