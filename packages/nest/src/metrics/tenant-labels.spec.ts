import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OTHER_TENANTS, TenantLabels } from './tenant-labels';

describe('TenantLabels', () => {
  it('labels exactly the allowlisted tenants and counts every other one as other', () => {
    const labels = new TenantLabels({ kind: 'allow', tenants: new Set(['acme', 'globex']) });
    expect(['acme', 'globex', 'initech', 'acme'].map((tenant) => labels.valueOf(tenant))).toEqual(['acme', 'globex', OTHER_TENANTS, 'acme']);
    expect(labels.enabled).toBe(true);
  });

  it('labels the first `max` tenants it sees, for good, and no later one', () => {
    const labels = new TenantLabels({ kind: 'first', max: 2 });
    expect(['t1', 't2', 't3', 't1', 't4', 't2'].map((tenant) => labels.valueOf(tenant))).toEqual(['t1', 't2', OTHER_TENANTS, 't1', OTHER_TENANTS, 't2']);
  });

  it('never hands out more than max + 1 values, and never changes a tenant\'s value, whatever the order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 200 }), (max, tenants) => {
        const labels = new TenantLabels({ kind: 'first', max });
        const seen = new Map<string, string>();
        for (const tenant of tenants) {
          const value = labels.valueOf(tenant);
          expect(seen.get(tenant) ?? value).toBe(value);
          seen.set(tenant, value);
        }
        expect(new Set(seen.values()).size).toBeLessThanOrEqual(max + 1);
      }),
    );
  });

  it('does not give a tenant named like the other bucket a slot of its own', () => {
    const labels = new TenantLabels({ kind: 'first', max: 1 });
    expect(labels.valueOf(OTHER_TENANTS)).toBe(OTHER_TENANTS);
    expect(labels.valueOf('acme')).toBe('acme');
  });

  it('is off without a policy', () => {
    expect(new TenantLabels({ kind: 'none' }).enabled).toBe(false);
  });
});
