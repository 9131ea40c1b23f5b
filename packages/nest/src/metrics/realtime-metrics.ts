import { isSystemEvent, type RealtimeUser } from '@tenantcast/protocol';
import type { EmitTarget } from '../broadcast/emit-observer';
import type { SystemSocket } from '../gateway/system-socket';
import type { RateLimitScope } from '../limits/event-rate-limiter';
import type { ResolvedMetricsOptions } from '../options/resolved-realtime-options';
import { loadMeterProvider } from './load-meter-provider';
import { METRIC_DEFINITIONS, type MetricDefinition } from './metric-definitions';
import type { RealtimeCounter, RealtimeHistogram, RealtimeMeter, RealtimeMetricAttributes } from './realtime-metrics-options.interface';
import { TenantLabels } from './tenant-labels';

declare const __TENANTCAST_NEST_VERSION__: string;

/** The instrumentation scope name every instrument is created under. */
export const METER_NAME = '@tenantcast/nest';

/** The `event` label of events no handler listens to (names clients made up): one series for all. */
export const OTHER_EVENTS = 'other';

type Instruments = { [K in keyof typeof METRIC_DEFINITIONS]: (typeof METRIC_DEFINITIONS)[K]['kind'] extends 'histogram' ? RealtimeHistogram : RealtimeCounter };

const ACCEPTED: RealtimeMetricAttributes = Object.freeze({ outcome: 'accepted' });
const REFUSED: RealtimeMetricAttributes = Object.freeze({ outcome: 'refused' });

/**
 * The module's OpenTelemetry instruments, fed by {@link RealtimeObserver} from the same
 * lifecycle points as the log. Exists only while metrics are on: with them off nothing here is
 * created, loaded or called.
 */
export class RealtimeMetrics {
  private readonly instruments: Instruments;
  /** `{ tenant }` of each label value, built once: the active-connection count changes on every connect. */
  private readonly tenantOnly = new Map<string, RealtimeMetricAttributes>();

  constructor(
    meter: RealtimeMeter,
    private readonly tenants: TenantLabels,
  ) {
    this.instruments = Object.fromEntries(
      Object.entries(METRIC_DEFINITIONS).map(([role, definition]) => [role, create(meter, definition)]),
    ) as Instruments;
  }

  /** Creates the instruments on the configured provider, loading `@opentelemetry/api` for the global one. */
  static async create(options: Extract<ResolvedMetricsOptions, { enabled: true }>): Promise<RealtimeMetrics> {
    const provider = options.provider ?? (await loadMeterProvider());
    return new RealtimeMetrics(provider.getMeter(METER_NAME, __TENANTCAST_NEST_VERSION__), new TenantLabels(options.tenantLabel));
  }

  handshakeAccepted(startedAt: number): void {
    this.instruments.handshakeDuration.record(secondsSince(startedAt), ACCEPTED);
  }

  handshakeRefused(code: string, user: RealtimeUser | undefined, startedAt: number): void {
    this.instruments.handshakeRefusals.add(1, user ? this.withTenant({ code }, user.tenantId) : { code });
    this.instruments.handshakeDuration.record(secondsSince(startedAt), REFUSED);
  }

  connected(socket: SystemSocket): void {
    const { tenantId } = socket.data.user;
    this.instruments.activeConnections.add(1, this.tenantAttributes(tenantId));
    this.instruments.connectionsOpened.add(1, this.withTenant({ transport: socket.conn.transport.name }, tenantId));
  }

  disconnected(socket: SystemSocket, reason: string): void {
    const { tenantId } = socket.data.user;
    this.instruments.activeConnections.add(-1, this.tenantAttributes(tenantId));
    this.instruments.connectionsClosed.add(1, this.withTenant({ reason, transport: socket.conn.transport.name }, tenantId));
  }

  joined(socket: SystemSocket, kind: string): void {
    this.instruments.roomJoins.add(1, this.withTenant({ kind }, socket.data.user.tenantId));
  }

  joinRefused(socket: SystemSocket, code: string): void {
    this.instruments.roomJoinRefusals.add(1, this.withTenant({ code }, socket.data.user.tenantId));
  }

  left(socket: SystemSocket, kind: string): void {
    this.instruments.roomLeaves.add(1, this.withTenant({ kind }, socket.data.user.tenantId));
  }

  eventReceived(socket: SystemSocket, event: unknown): void {
    // Only the system events and names something listens to get their own series: clients choose the names.
    const name = typeof event === 'string' && (isSystemEvent(event) || socket.listenerCount(event as never) > 0) ? event : OTHER_EVENTS;
    this.instruments.eventsReceived.add(1, this.withTenant({ event: name }, socket.data.user.tenantId));
  }

  rateLimited(socket: SystemSocket, scope: RateLimitScope): void {
    this.instruments.rateLimitHits.add(1, this.withTenant({ scope }, socket.data.user.tenantId));
  }

  emitted(target: EmitTarget, type: string, tenantId: string): void {
    this.instruments.eventsEmitted.add(1, this.withTenant({ event: type, target }, tenantId));
  }

  emitFailed(target: EmitTarget, code: string): void {
    this.instruments.emitFailures.add(1, { code, target });
  }

  adapterFailed(adapter: string): void {
    this.instruments.adapterErrors.add(1, { adapter });
  }

  recovery(outcome: 'restored' | 'refused', user: RealtimeUser): void {
    this.instruments.recoveries.add(1, this.withTenant({ outcome }, user.tenantId));
  }

  presenceOperation(operation: string, store: string, startedAt: number, failed: boolean): void {
    const attributes = { operation, store };
    this.instruments.presenceDuration.record(secondsSince(startedAt), attributes);
    if (failed) this.instruments.presenceErrors.add(1, attributes);
  }

  private withTenant(attributes: RealtimeMetricAttributes, tenantId: string): RealtimeMetricAttributes {
    if (this.tenants.enabled) attributes.tenant = this.tenants.valueOf(tenantId);
    return attributes;
  }

  private tenantAttributes(tenantId: string): RealtimeMetricAttributes | undefined {
    if (!this.tenants.enabled) return undefined;
    const value = this.tenants.valueOf(tenantId);
    let attributes = this.tenantOnly.get(value);
    if (!attributes) {
      attributes = Object.freeze({ tenant: value });
      this.tenantOnly.set(value, attributes);
    }
    return attributes;
  }
}

function create(meter: RealtimeMeter, { name, kind, ...options }: MetricDefinition): RealtimeCounter | RealtimeHistogram {
  switch (kind) {
    case 'counter':
      return meter.createCounter(name, options);
    case 'upDownCounter':
      return meter.createUpDownCounter(name, options);
    case 'histogram':
      return meter.createHistogram(name, options);
  }
}

function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
