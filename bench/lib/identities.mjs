/** The tenant every single-tenant scenario uses. */
export const MAIN_TENANT = 'tenant-0';

/** `count` tenant ids: `tenant-0`, `tenant-1`, … */
export function tenantIds(count) {
  return Array.from({ length: count }, (_, index) => `tenant-${index}`);
}

/**
 * People for the generator, deterministic so every arm sees the same users: `count` users
 * `<prefix><from + i>`, spread round-robin over `tenants`.
 * @param {{ count: number, from?: number, prefix?: string, tenants?: string[] }} spec
 */
export function identities({ count, from = 0, prefix = 'user-', tenants = [MAIN_TENANT] }) {
  return Array.from({ length: count }, (_, index) => ({ userId: `${prefix}${from + index}`, tenantId: tenants[index % tenants.length] }));
}
