import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { RealtimeModuleOptions } from './realtime-options.interface';

/** Extras accepted by `forRoot` / `forRootAsync` beside the options. */
export interface RealtimeModuleExtras {
  /**
   * Register the module globally, so feature modules can inject `RealtimeService` without
   * importing it.
   * @default false
   */
  isGlobal?: boolean;
}

export const {
  ConfigurableModuleClass: RealtimeConfigurableModule,
  MODULE_OPTIONS_TOKEN: REALTIME_MODULE_OPTIONS,
  OPTIONS_TYPE: REALTIME_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: REALTIME_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<RealtimeModuleOptions>({
  moduleName: 'Realtime',
  // A fixed key keeps the token identical across the ESM and CommonJS builds.
  optionsInjectionToken: Symbol.for('tenantcast.RealtimeModuleOptions'),
})
  .setClassMethodName('forRoot')
  .setFactoryMethodName('createRealtimeOptions')
  .setExtras<RealtimeModuleExtras>({ isGlobal: false }, (definition, extras) => ({
    ...definition,
    global: extras.isGlobal,
  }))
  .build();
