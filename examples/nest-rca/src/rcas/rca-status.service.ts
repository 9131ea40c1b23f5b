import { Injectable } from '@nestjs/common';
import { RealtimeService } from '@tenantcast/nest';
import type { RealtimeUser } from '@tenantcast/protocol';
import type { JsonValue, RcaServerEvents } from '../realtime/rca-events';
import { isRcaStatus } from './rca';
import { RcaCatalog } from './rca-catalog';

/**
 * Applies the `status` an update names to the catalog and tells the tenant, whose RCA lists
 * change live. Tenant-wide on purpose: a list shows every RCA of the tenant, not a room's. (A
 * product whose viewers must not learn other RCAs' statuses would emit to a room per role.)
 */
@Injectable()
export class RcaStatusService {
  constructor(
    private readonly catalog: RcaCatalog,
    private readonly realtime: RealtimeService<RcaServerEvents>,
  ) {}

  /** Any other update (free-form, or a status the catalog does not know) changes nothing here. */
  apply(user: RealtimeUser, rcaId: string, update: JsonValue | undefined): void {
    const status = typeof update === 'object' && update !== null && !Array.isArray(update) ? update.status : undefined;
    if (!isRcaStatus(status)) return;
    const changed = this.catalog.setStatus(user.tenantId, rcaId, status, user.userId);
    if (changed !== undefined) this.realtime.emitToTenant(user.tenantId, 'rca-status-changed', { rcaId, status, updatedBy: user.userId });
  }
}
