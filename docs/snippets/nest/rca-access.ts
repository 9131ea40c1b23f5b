import { Injectable, Module } from '@nestjs/common';
import type { RealtimeUser } from '@tenantcast/nest';

/** The app's own access rules: who may view an RCA. */
@Injectable()
export class RcaAccess {
  private readonly team = new Map<string, Set<string>>([['42', new Set(['alice', 'bob'])]]);

  async canView(user: RealtimeUser, rcaId: string): Promise<boolean> {
    return user.role === 'admin' || (this.team.get(rcaId)?.has(user.userId) ?? false);
  }
}

@Module({ providers: [RcaAccess], exports: [RcaAccess] })
export class RcaAccessModule {}
