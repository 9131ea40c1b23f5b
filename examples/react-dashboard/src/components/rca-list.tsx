import { ErrorNotice } from '../errors/error-notice';
import { hrefOf } from '../routing/use-hash-route';
import { StatusBadge } from './status-badge';
import type { RcaCatalogState } from './use-rca-catalog';

/** The tenant's RCAs; statuses change live as anyone in the tenant moves one. */
export function RcaList({ catalog }: { catalog: RcaCatalogState }) {
  if (catalog.error) return <ErrorNotice error={catalog.error} subject={{ kind: 'request' }} />;
  if (catalog.rcas === undefined) return <p className="muted">Loading the RCA list…</p>;
  if (catalog.rcas.length === 0) return <p className="muted">You may not open any RCA of this tenant.</p>;
  return (
    <section>
      <h1>Root-cause analyses</h1>
      <table className="rca-list">
        <thead>
          <tr>
            <th>RCA</th>
            <th>Title</th>
            <th>Status</th>
            <th>Last change</th>
          </tr>
        </thead>
        <tbody>
          {catalog.rcas.map((rca) => (
            <tr key={rca.id} data-rca={rca.id}>
              <td>
                <a href={hrefOf({ page: 'rca', rcaId: rca.id })}>#{rca.id}</a>
              </td>
              <td>
                <a href={hrefOf({ page: 'rca', rcaId: rca.id })}>{rca.title}</a>
              </td>
              <td data-testid="rca-status">
                <StatusBadge status={rca.status} />
              </td>
              <td className="muted">
                {new Date(rca.updatedAt).toLocaleTimeString()}
                {rca.updatedBy ? ` by ${rca.updatedBy}` : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
