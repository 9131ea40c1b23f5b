import type { AcquireOutcome, ConnectionCaps, ConnectionCounter, CountedConnection } from './connection-counter';

interface TenantCount {
  connections: Set<string>;
  users: Map<string, Set<string>>;
}

/** Counts this process's connections; exact, and nothing to expire since the process holds them all. */
export class MemoryConnectionCounter implements ConnectionCounter {
  private readonly tenants = new Map<string, TenantCount>();

  async acquire({ tenantId, userId, connectionId }: CountedConnection, caps: ConnectionCaps): Promise<AcquireOutcome> {
    let tenant = this.tenants.get(tenantId);
    if (tenant?.connections.has(connectionId)) return 'ok';
    const user = tenant?.users.get(userId);
    if (caps.perUser !== undefined && (user?.size ?? 0) >= caps.perUser) return 'user';
    if (caps.perTenant !== undefined && (tenant?.connections.size ?? 0) >= caps.perTenant) return 'tenant';
    if (!tenant) {
      tenant = { connections: new Set(), users: new Map() };
      this.tenants.set(tenantId, tenant);
    }
    tenant.connections.add(connectionId);
    tenant.users.set(userId, (user ?? new Set()).add(connectionId));
    return 'ok';
  }

  async release({ tenantId, userId, connectionId }: CountedConnection): Promise<void> {
    const tenant = this.tenants.get(tenantId);
    if (!tenant?.connections.delete(connectionId)) return;
    const user = tenant.users.get(userId);
    user?.delete(connectionId);
    if (user?.size === 0) tenant.users.delete(userId);
    if (tenant.connections.size === 0) this.tenants.delete(tenantId);
  }

  async close(): Promise<void> {
    this.tenants.clear();
  }
}
