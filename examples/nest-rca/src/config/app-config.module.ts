import { Module } from '@nestjs/common';
import { AppConfig, loadAppConfig } from './app-config';

/**
 * Provides {@link AppConfig}. The environment is read when the application is created (not when
 * this file is imported), so each app instance, tests included, sees the environment of its start.
 */
@Module({
  providers: [{ provide: AppConfig, useFactory: () => loadAppConfig(process.env) }],
  exports: [AppConfig],
})
export class AppConfigModule {}
