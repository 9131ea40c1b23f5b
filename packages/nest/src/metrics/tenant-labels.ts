import type { ResolvedTenantLabel } from '../options/resolved-realtime-options';

/** The `tenant` label value of every tenant that has no label of its own. */
export const OTHER_TENANTS = 'other';

/**
 * Decides the `tenant` label value of a measurement, within the configured cap, so a
 * multi-tenant install cannot grow a series per tenant. A tenant's value never changes while the
 * process runs: counters stay monotonic per series, and the `-1` of a closing connection lands on
 * the series its `+1` went to.
 */
export class TenantLabels {
  private readonly labelled: Set<string>;

  constructor(private readonly policy: ResolvedTenantLabel) {
    this.labelled = policy.kind === 'allow' ? new Set(policy.tenants) : new Set();
  }

  /** Whether measurements carry a `tenant` label at all. */
  get enabled(): boolean {
    return this.policy.kind !== 'none';
  }

  /** The label value of `tenantId`: its own id, or {@link OTHER_TENANTS} past the cap. */
  valueOf(tenantId: string): string {
    if (this.labelled.has(tenantId)) return tenantId;
    if (this.policy.kind === 'first' && this.labelled.size < this.policy.max && tenantId !== OTHER_TENANTS) {
      this.labelled.add(tenantId);
      return tenantId;
    }
    return OTHER_TENANTS;
  }
}
