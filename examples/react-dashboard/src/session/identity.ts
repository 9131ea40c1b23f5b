/** Who the dashboard signs in as: what `POST /auth/dev-token` takes. */
export interface Identity {
  userId: string;
  tenantId: string;
  role: string;
  email?: string;
  /** For role `viewer`: the only RCAs the user may open. */
  rcaIds?: string[];
}

/** Ready-made users of two tenants, so two windows can meet in seconds. */
export const DEMO_USERS: readonly Identity[] = [
  { userId: 'alice', tenantId: 'acme', role: 'manager', email: 'alice@acme.example' },
  { userId: 'bob', tenantId: 'acme', role: 'engineer', email: 'bob@acme.example' },
  { userId: 'vera', tenantId: 'acme', role: 'viewer', email: 'vera@acme.example', rcaIds: ['17'] },
  { userId: 'carol', tenantId: 'globex', role: 'engineer', email: 'carol@globex.example' },
];

/**
 * The roles the example knows: a viewer sees only the RCAs its token lists and only reads;
 * engineers also write; managers and admins also announce to the tenant.
 */
export const ROLES = ['engineer', 'manager', 'admin', 'viewer'] as const;

/** "alice · acme · engineer". */
export function describeIdentity(identity: Identity): string {
  return `${identity.userId} · ${identity.tenantId} · ${identity.role}`;
}
