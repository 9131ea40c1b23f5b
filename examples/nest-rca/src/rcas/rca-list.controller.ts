import { Controller, Get } from '@nestjs/common';
import type { RealtimeUser } from '@tenantcast/protocol';
import { CurrentUser } from '../auth/current-user.decorator';
import type { RcaSummary } from './rca';
import { canViewRca } from './rca-access.policy';
import { RcaCatalog } from './rca-catalog';

/** The caller's tenant's RCAs, as far as the caller may see them. */
@Controller('rcas')
export class RcaListController {
  constructor(private readonly catalog: RcaCatalog) {}

  @Get()
  list(@CurrentUser() user: RealtimeUser): { rcas: RcaSummary[] } {
    return { rcas: this.catalog.list(user.tenantId).filter((rca) => canViewRca(user, rca.id)) };
  }
}
