import { Module } from '@nestjs/common';
// #region meter-provider
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { RealtimeModule } from '@tenantcast/nest';

// The exporter serves the scrape itself, at http://…:9464/metrics.
const meterProvider = new MeterProvider({ readers: [new PrometheusExporter({ port: 9464 })] });

export const realtime = RealtimeModule.forRoot({
  auth: { secret: process.env.JWT_SECRET ?? '' },
  metrics: { meterProvider, tenantLabel: { max: 50 } },
});
// #endregion meter-provider

@Module({ imports: [realtime] })
export class MetricsModule {}
