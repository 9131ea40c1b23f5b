import type { RealtimeAdminUiOptions } from '../admin-ui/realtime-admin-ui-options.interface';
import { OptionMessages } from '../realtime.messages';
import type { OptionProblems } from './option-problems';
import type { ResolvedAdminUiOptions } from './resolved-realtime-options';

/** A bcrypt hash as bcryptjs (which the Admin UI checks passwords with) writes and reads it. */
const BCRYPT_HASH = /^\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53}$/;
const NAMESPACE = /^\/[A-Za-z0-9_\-/]+$/;

/** Validates `adminUi` against the module's namespace; absent is off. */
export function resolveAdminUiOptions(adminUi: RealtimeAdminUiOptions | undefined, moduleNamespace: string, problems: OptionProblems): ResolvedAdminUiOptions {
  if (adminUi === undefined) return { enabled: false };
  if (typeof adminUi !== 'object' || adminUi === null) {
    problems.add(OptionMessages.adminUiType());
    return { enabled: false };
  }
  const { username, passwordHash, serverId } = adminUi;
  if (typeof username !== 'string' || username.length === 0) problems.add(OptionMessages.adminUiUsername());
  if (typeof passwordHash !== 'string' || !BCRYPT_HASH.test(passwordHash)) problems.add(OptionMessages.adminUiPasswordHash());
  const namespace = adminUi.namespace ?? '/admin';
  if (typeof namespace !== 'string' || !NAMESPACE.test(namespace) || namespace === moduleNamespace) problems.add(OptionMessages.adminUiNamespace(namespace, moduleNamespace));
  const readonly = adminUi.readonly ?? true;
  if (typeof readonly !== 'boolean') problems.add(OptionMessages.booleanOption('adminUi.readonly', readonly));
  const mode = adminUi.mode ?? 'production';
  if (mode !== 'production' && mode !== 'development') problems.add(OptionMessages.adminUiMode(mode));
  if (serverId !== undefined && (typeof serverId !== 'string' || serverId.length === 0)) problems.add(OptionMessages.adminUiServerId());
  return { enabled: true, namespace, username, passwordHash, readonly: readonly !== false, mode: mode === 'development' ? 'development' : 'production', serverId };
}
