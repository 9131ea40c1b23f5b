import { Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AppConfigModule } from '../config/app-config.module';
import { PrometheusMetrics } from './prometheus-metrics';

/** Provides {@link PrometheusMetrics} from the validated environment. */
@Module({
  imports: [AppConfigModule],
  providers: [{ provide: PrometheusMetrics, useFactory: (config: AppConfig) => PrometheusMetrics.fromEnv(config.env), inject: [AppConfig] }],
  exports: [PrometheusMetrics],
})
export class MetricsModule {}
