// #region global
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { metrics } from '@opentelemetry/api';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { RealtimeModule } from '@tenantcast/nest';

@Module({
  imports: [RealtimeModule.forRoot({ auth: { secret: process.env.JWT_SECRET ?? '' }, metrics: true })],
})
export class AppModule {}

export async function bootstrap(): Promise<void> {
  // First: the module looks the global provider up once, when the app starts.
  metrics.setGlobalMeterProvider(new MeterProvider({ readers: [new PrometheusExporter()] })); // or NodeSDK's start()
  const app = await NestFactory.create(AppModule);
  await app.listen(3000);
}
// #endregion global
