import type { RealtimeInstrumentOptions } from './realtime-metrics-options.interface';

/** One instrument the module creates. The metrics guide documents each, and a test holds it to that. */
export interface MetricDefinition extends RealtimeInstrumentOptions {
  name: string;
  kind: 'counter' | 'upDownCounter' | 'histogram';
  description: string;
  unit: string;
}

/**
 * Bucket boundaries in seconds for the module's durations: a handshake or a Redis round trip
 * takes a few milliseconds, an outage makes them wait up to the command timeout (seconds).
 */
const SECONDS_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Every instrument, keyed by its role in {@link RealtimeMetrics}. */
export const METRIC_DEFINITIONS = {
  activeConnections: {
    name: 'tenantcast.connections.active',
    kind: 'upDownCounter',
    unit: '{connection}',
    description: "Connections open on this process's realtime namespace.",
  },
  connectionsOpened: {
    name: 'tenantcast.connections.opened',
    kind: 'counter',
    unit: '{connection}',
    description: 'Connections accepted (handshake passed), by the transport they started on.',
  },
  connectionsClosed: {
    name: 'tenantcast.connections.closed',
    kind: 'counter',
    unit: '{connection}',
    description: "Connections closed, by Socket.IO's disconnect reason and their last transport.",
  },
  handshakeRefusals: {
    name: 'tenantcast.handshake.refusals',
    kind: 'counter',
    unit: '{handshake}',
    description: 'Handshakes refused, by error code.',
  },
  handshakeDuration: {
    name: 'tenantcast.handshake.duration',
    kind: 'histogram',
    unit: 's',
    description: 'Time the handshake middleware took (token verification, connection caps, recovery check), by outcome.',
    advice: { explicitBucketBoundaries: SECONDS_BUCKETS },
  },
  roomJoins: {
    name: 'tenantcast.rooms.joins',
    kind: 'counter',
    unit: '{join}',
    description: 'Resource-room joins, by room kind.',
  },
  roomJoinRefusals: {
    name: 'tenantcast.rooms.join_refusals',
    kind: 'counter',
    unit: '{join}',
    description: 'Resource-room joins refused, by error code.',
  },
  roomLeaves: {
    name: 'tenantcast.rooms.leaves',
    kind: 'counter',
    unit: '{leave}',
    description: 'Resource-room leaves asked by clients, by room kind.',
  },
  eventsReceived: {
    name: 'tenantcast.events.received',
    kind: 'counter',
    unit: '{event}',
    description: "Events received from clients, by event name ('other' for names no handler listens to).",
  },
  eventsEmitted: {
    name: 'tenantcast.events.emitted',
    kind: 'counter',
    unit: '{event}',
    description: 'Envelopes sent by RealtimeService (emitToRoom, emitToUser, emitToTenant), by event type and target.',
  },
  emitFailures: {
    name: 'tenantcast.events.emit_failures',
    kind: 'counter',
    unit: '{event}',
    description: 'Emits RealtimeService refused before sending (invalid room, payload not encodable or too large), by error code and target.',
  },
  rateLimitHits: {
    name: 'tenantcast.rate_limit.hits',
    kind: 'counter',
    unit: '{event}',
    description: 'Events refused with RATE_LIMITED, by the limit that refused them.',
  },
  presenceDuration: {
    name: 'tenantcast.presence.operation.duration',
    kind: 'histogram',
    unit: 's',
    description: 'Time presence store operations took, by operation and store.',
    advice: { explicitBucketBoundaries: SECONDS_BUCKETS },
  },
  presenceErrors: {
    name: 'tenantcast.presence.operation.errors',
    kind: 'counter',
    unit: '{operation}',
    description: 'Presence store operations that failed, by operation and store.',
  },
  adapterErrors: {
    name: 'tenantcast.adapter.errors',
    kind: 'counter',
    unit: '{command}',
    description: 'Adapter Redis commands that failed or were not sent while Redis was away, by adapter.',
  },
  recoveries: {
    name: 'tenantcast.recoveries',
    kind: 'counter',
    unit: '{connection}',
    description: "Connection state recoveries, by outcome: 'restored' (rooms and missed events handed back) or 'refused' (the new token named another user).",
  },
} as const satisfies Record<string, MetricDefinition>;
