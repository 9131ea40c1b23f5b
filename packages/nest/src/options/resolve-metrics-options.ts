import type { RealtimeMetricsOptions, RealtimeTenantLabelOption } from '../metrics/realtime-metrics-options.interface';
import { OTHER_TENANTS } from '../metrics/tenant-labels';
import { OptionMessages } from '../realtime.messages';
import type { OptionProblems } from './option-problems';
import type { ResolvedMetricsOptions, ResolvedTenantLabel } from './resolved-realtime-options';

/** Validates `metrics`; absent or `false` is off, `true` is on with the global provider and no tenant label. */
export function resolveMetricsOptions(metrics: RealtimeMetricsOptions | boolean | undefined, problems: OptionProblems): ResolvedMetricsOptions {
  if (metrics === undefined || metrics === false) return { enabled: false };
  if (metrics === true) return { enabled: true, provider: undefined, tenantLabel: { kind: 'none' } };
  if (typeof metrics !== 'object' || metrics === null) {
    problems.add(OptionMessages.metricsType());
    return { enabled: false };
  }
  const { meterProvider } = metrics;
  if (meterProvider !== undefined && typeof (meterProvider as { getMeter?: unknown } | null)?.getMeter !== 'function') problems.add(OptionMessages.meterProvider());
  return { enabled: true, provider: meterProvider, tenantLabel: resolveTenantLabel(metrics.tenantLabel, problems) };
}

function resolveTenantLabel(option: RealtimeTenantLabelOption | false | undefined, problems: OptionProblems): ResolvedTenantLabel {
  if (option === undefined || option === false) return { kind: 'none' };
  if (typeof option === 'object' && option !== null && 'allow' in option && Array.isArray(option.allow) && option.allow.every((tenant) => typeof tenant === 'string' && tenant.length > 0)) {
    if (option.allow.includes(OTHER_TENANTS)) problems.add(OptionMessages.tenantLabelReserved(OTHER_TENANTS));
    return { kind: 'allow', tenants: new Set(option.allow) };
  }
  if (typeof option === 'object' && option !== null && 'max' in option && Number.isInteger(option.max) && option.max > 0) return { kind: 'first', max: option.max };
  problems.add(OptionMessages.tenantLabel(option));
  return { kind: 'none' };
}
