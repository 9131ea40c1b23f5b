/**
 * Attributes (Prometheus labels) of one measurement. The module only sets string values, from
 * bounded sets: see the metrics guide for each metric's labels.
 */
export type RealtimeMetricAttributes = Record<string, string>;

/** What the module needs of an OpenTelemetry `Counter` or `UpDownCounter`. */
export interface RealtimeCounter {
  add(value: number, attributes?: RealtimeMetricAttributes): void;
}

/** What the module needs of an OpenTelemetry `Histogram`. */
export interface RealtimeHistogram {
  record(value: number, attributes?: RealtimeMetricAttributes): void;
}

/** The options the module passes when it creates an instrument (OpenTelemetry's `MetricOptions`). */
export interface RealtimeInstrumentOptions {
  description?: string;
  unit?: string;
  /** Histogram bucket boundaries, in the instrument's unit. */
  advice?: { explicitBucketBoundaries?: number[] };
}

/** What the module needs of an OpenTelemetry `Meter`. */
export interface RealtimeMeter {
  createCounter(name: string, options?: RealtimeInstrumentOptions): RealtimeCounter;
  createUpDownCounter(name: string, options?: RealtimeInstrumentOptions): RealtimeCounter;
  createHistogram(name: string, options?: RealtimeInstrumentOptions): RealtimeHistogram;
}

/**
 * The few members of an OpenTelemetry `MeterProvider` the module uses, so the SDK's own
 * `MeterProvider` (or any other implementation) can be passed without `@opentelemetry/api` types
 * in this package's signatures.
 */
export interface RealtimeMeterProvider {
  getMeter(name: string, version?: string): RealtimeMeter;
}

/**
 * Which tenants get their own value of the `tenant` label; every other tenant is counted under
 * `other`. Each labelled tenant multiplies the series of every per-tenant metric, so the set is
 * always capped:
 *
 * - `{ allow: ['acme', 'globex'] }`: exactly these tenants (your largest customers, say);
 * - `{ max: 50 }`: the first 50 tenants this process sees, kept for its lifetime (a tenant once
 *   labelled keeps its label, so every series stays a proper counter; OpenTelemetry's own
 *   cardinality limit works the same way).
 */
export type RealtimeTenantLabelOption = { allow: readonly string[] } | { max: number };

/** OpenTelemetry metrics of the module; see the metrics guide for every metric. */
export interface RealtimeMetricsOptions {
  /**
   * Where instruments are created. Without it, the global provider of `@opentelemetry/api` (an
   * optional peer dependency, loaded only when metrics are on): register the OpenTelemetry SDK
   * (e.g. `NodeSDK.start()`) before the Nest app is created, or pass the SDK's `MeterProvider` here.
   * @default the global MeterProvider of `@opentelemetry/api`
   */
  meterProvider?: RealtimeMeterProvider;
  /**
   * Add a `tenant` label to the per-tenant metrics (connections, refusals, disconnects, joins,
   * events, rate-limit hits, recoveries), capped; see {@link RealtimeTenantLabelOption}.
   * @default false (no tenant label)
   */
  tenantLabel?: RealtimeTenantLabelOption | false;
}
