import { Injectable } from '@nestjs/common';
import type { RcaStatus, RcaSummary } from './rca';

/** What every tenant's catalog starts from: the demo's investigations. */
const SEED: ReadonlyArray<Pick<RcaSummary, 'id' | 'title' | 'status'>> = [
  { id: '42', title: 'Coolant pump pressure drop on line 3', status: 'investigating' },
  { id: '17', title: 'Label misprints on the packaging line', status: 'open' },
  { id: '58', title: 'Conveyor motor overheating in hall B', status: 'action-planned' },
  { id: '63', title: 'Torque wrench calibration drift', status: 'closed' },
];

/**
 * The RCAs of each tenant, in memory: a stand-in for the product's database, seeded per tenant on
 * first use. Tenants never share an entry, even where ids coincide.
 */
@Injectable()
export class RcaCatalog {
  private readonly tenants = new Map<string, Map<string, RcaSummary>>();
  private readonly seededAt = Date.now();

  /** The tenant's RCAs, in catalog order. */
  list(tenantId: string): RcaSummary[] {
    return [...this.of(tenantId).values()].map((rca) => ({ ...rca }));
  }

  /**
   * Moves an RCA to `status`. Returns the changed RCA, or `undefined` when the tenant has no such
   * RCA or it already has that status (nothing changed, nothing to announce).
   */
  setStatus(tenantId: string, rcaId: string, status: RcaStatus, by: string): RcaSummary | undefined {
    const rca = this.of(tenantId).get(rcaId);
    if (rca === undefined || rca.status === status) return undefined;
    Object.assign(rca, { status, updatedAt: Date.now(), updatedBy: by });
    return { ...rca };
  }

  private of(tenantId: string): Map<string, RcaSummary> {
    let rcas = this.tenants.get(tenantId);
    if (rcas === undefined) {
      rcas = new Map(SEED.map((rca) => [rca.id, { ...rca, updatedAt: this.seededAt }]));
      this.tenants.set(tenantId, rcas);
    }
    return rcas;
  }
}
