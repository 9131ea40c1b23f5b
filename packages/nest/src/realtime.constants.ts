/**
 * Injection token of the {@link PresenceStore} in use. Inject it to query presence directly, or
 * provide your own implementation under it with `presence: { store }`.
 *
 * A `Symbol.for` key, so that the ESM and the CommonJS copy of this package resolve the same
 * provider when both are loaded in one app.
 */
export const PRESENCE_STORE = Symbol.for('tenantcast.PresenceStore');

/** Returns {@link PRESENCE_STORE}; for symmetry with other Nest libraries' `get…Token()` helpers. */
export function getPresenceStoreToken(): symbol {
  return PRESENCE_STORE;
}

/** Logger context of every log line the module writes. */
export const LOGGER_CONTEXT = 'Realtime';

/** Metadata key set by {@link RealtimeGateway} on application gateway classes. */
export const REALTIME_GATEWAY_METADATA = 'tenantcast:realtime-gateway';
