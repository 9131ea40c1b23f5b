import type { OnApplicationShutdown } from '@nestjs/common';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AppEnv } from '../config/env.validation';

/**
 * The OpenTelemetry SDK with its Prometheus exporter, when `METRICS=true`. The exporter starts no
 * server of its own: the app's HTTP server, listening on `HOST`, serves the scrape at `GET /metrics`.
 * The provider is handed to RealtimeModule rather than registered globally, so two apps in one
 * process (the tests) never share counters.
 */
export class PrometheusMetrics implements OnApplicationShutdown {
  private constructor(
    /** What RealtimeModule's `metrics.meterProvider` gets; `undefined` while metrics are off. */
    readonly provider: MeterProvider | undefined,
    private readonly exporter: PrometheusExporter | undefined,
  ) {}

  /** The metrics `env` asks for: on with `METRICS=true`, otherwise off (nothing created). */
  static fromEnv(env: AppEnv): PrometheusMetrics {
    if (!env.metrics) return new PrometheusMetrics(undefined, undefined);
    const exporter = new PrometheusExporter({ preventServerStart: true });
    return new PrometheusMetrics(new MeterProvider({ readers: [exporter] }), exporter);
  }

  /** Whether `GET /metrics` is served. */
  get enabled(): boolean {
    return this.exporter !== undefined;
  }

  /** Writes the current values in the Prometheus text format. */
  scrape(request: IncomingMessage, response: ServerResponse): void {
    this.exporter?.getMetricsRequestHandler(request, response);
  }

  /** Stops the provider (and its exporter) with the app. */
  async onApplicationShutdown(): Promise<void> {
    await this.provider?.shutdown();
  }
}
