import type { RealtimeAdminUiOptions, RealtimeLoggingOptions, RealtimeMetricsOptions } from '@tenantcast/nest';

// #region tenant-label
export const exactly: RealtimeMetricsOptions = { tenantLabel: { allow: ['acme', 'globex'] } }; // exactly these tenants
export const firstSeen: RealtimeMetricsOptions = { tenantLabel: { max: 50 } }; // the first 50 tenants this process sees
// #endregion tenant-label

// #region levels
export const logging: RealtimeLoggingOptions = { levels: { pong: false, joined: 'debug' } };
// #endregion levels

// #region admin-ui
export const adminUi: RealtimeAdminUiOptions = {
  username: 'ops',
  passwordHash: process.env.ADMIN_UI_PASSWORD_HASH ?? '', // the bcrypt hash, never the password
  // readonly: true,        (default) it cannot emit, join, leave or disconnect
  // mode: 'production',    (default) server statistics and aggregated counts only
  // namespace: '/admin',   (default) its namespace, other than the module's
  // serverId: 'node-a',    its name when several processes serve the app (default: the host name)
};
// #endregion admin-ui
