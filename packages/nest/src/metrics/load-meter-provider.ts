import { loadOptionalPeer } from '../adapter/optional-peer';
import type { RealtimeMeterProvider } from './realtime-metrics-options.interface';

/**
 * The global `MeterProvider` of `@opentelemetry/api`, loaded only when metrics are on; a
 * missing package fails the boot with the command that installs it. The API hands out a no-op
 * provider until the SDK registers one, and keeps no proxy: register the SDK before the app starts.
 */
export async function loadMeterProvider(): Promise<RealtimeMeterProvider> {
  const { metrics } = await loadOptionalPeer('@opentelemetry/api', 'metrics', () => import('@opentelemetry/api'));
  return metrics.getMeterProvider();
}
