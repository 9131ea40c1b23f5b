import { OptionMessages } from '../realtime.messages';
import { RealtimeConfigError } from '../errors/realtime-config.error';

/**
 * Loads an optional peer dependency only when a feature that needs it is configured; when it is
 * not installed the boot fails with a message naming the package to install. Any other failure
 * (the package itself broken) is passed on unchanged.
 */
export async function loadOptionalPeer<T>(packageName: string, feature: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, packageName)) throw new RealtimeConfigError('RealtimeModule', [OptionMessages.missingPeer(packageName, feature)]);
    throw error;
  }
}

function isMissing(error: unknown, packageName: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && typeof message === 'string' && message.includes(packageName);
}
