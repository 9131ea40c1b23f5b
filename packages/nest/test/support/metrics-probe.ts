import { DataPointType, MeterProvider, MetricReader, type MetricData } from '@opentelemetry/sdk-metrics';
import type { RealtimeMeterProvider } from '../../src';

/** A reader that collects only when asked, so a test reads the values of one moment. */
class OnDemandReader extends MetricReader {
  protected override onForceFlush(): Promise<void> {
    return Promise.resolve();
  }
  protected override onShutdown(): Promise<void> {
    return Promise.resolve();
  }
}

/**
 * A real OpenTelemetry SDK `MeterProvider` with a reader a test collects from: the values a
 * Prometheus scrape or an OTLP export of this moment would carry.
 */
export class MetricsProbe {
  private readonly reader = new OnDemandReader();
  /** The SDK's own provider, passed as `metrics.meterProvider` (so it also proves the SDK's type fits). */
  readonly provider: MeterProvider & RealtimeMeterProvider = new MeterProvider({ readers: [this.reader] });

  /** Every metric of the module's scope, as collected now. */
  async collect(): Promise<MetricData[]> {
    const { resourceMetrics, errors } = await this.reader.collect();
    if (errors.length > 0) throw new Error(`collecting metrics failed: ${errors.map(String).join('; ')}`);
    return resourceMetrics.scopeMetrics.filter((scope) => scope.scope.name === '@tenantcast/nest').flatMap((scope) => scope.metrics);
  }

  /** The sum of a counter's (or up-down counter's) points whose attributes include `attributes`. */
  async sum(name: string, attributes: Record<string, string> = {}): Promise<number> {
    let total = 0;
    for (const point of this.points(await this.collect(), name, DataPointType.SUM, attributes)) total += point.value as number;
    return total;
  }

  /** How many values a histogram recorded in points whose attributes include `attributes`. */
  async count(name: string, attributes: Record<string, string> = {}): Promise<number> {
    let total = 0;
    for (const point of this.points(await this.collect(), name, DataPointType.HISTOGRAM, attributes)) total += (point.value as { count: number }).count;
    return total;
  }

  /** The distinct attribute sets (series) of a metric, as collected now. */
  async series(name: string): Promise<Array<Record<string, unknown>>> {
    const metric = (await this.collect()).find((candidate) => candidate.descriptor.name === name);
    return (metric?.dataPoints ?? []).map((point) => ({ ...point.attributes }));
  }

  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }

  private points(metrics: MetricData[], name: string, type: DataPointType, attributes: Record<string, string>) {
    const metric = metrics.find((candidate) => candidate.descriptor.name === name);
    if (!metric) return [];
    if (metric.dataPointType !== type) throw new Error(`${name} is not a ${DataPointType[type]} metric`);
    return (metric.dataPoints as Array<{ attributes: Record<string, unknown>; value: unknown }>).filter((point) =>
      Object.entries(attributes).every(([key, value]) => point.attributes[key] === value),
    );
  }
}
