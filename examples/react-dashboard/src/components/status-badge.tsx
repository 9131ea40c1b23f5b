import type { RcaStatus } from 'nest-rca/contract';

/** An RCA status as a coloured label. */
export function StatusBadge({ status }: { status: RcaStatus }) {
  return <span className={`status-badge status-${status}`}>{status.replace('-', ' ')}</span>;
}
