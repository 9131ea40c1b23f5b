/** Token of the options after validation and defaults; internal to the module. */
export const RESOLVED_OPTIONS = Symbol.for('tenantcast.ResolvedRealtimeOptions');

/** Token of the provider that applies the resolved options to gateway classes before init. */
export const GATEWAY_METADATA_APPLIER = Symbol.for('tenantcast.GatewayMetadataApplier');

/** Token of the logger every part of the module writes to. */
export const REALTIME_LOGGER = Symbol.for('tenantcast.RealtimeLogger');

/** Token of the payload limits the emit helpers apply (`maxPayloadDepth`, `maxEmitBytes`). */
export const PAYLOAD_LIMITS = Symbol.for('tenantcast.PayloadLimits');
