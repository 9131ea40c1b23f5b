/** Where an envelope was sent; filled in by the server, never by the sender's input. */
export interface EnvelopeMetadata {
  /** The tenant whose sockets receive this envelope. */
  tenantId: string;
  /** Set when the envelope was sent to one user. */
  userId?: string;
  /** Set when the envelope was sent to a room: the full room name. */
  room?: string;
  /** The resource kind of the room, e.g. `rca`. */
  kind?: string;
  /** The resource id of the room, e.g. `42`. */
  resourceId?: string;
}

/**
 * The standard shape of every application event the server emits through `RealtimeService`.
 *
 * @typeParam T - the event's data, as declared in the application's server event map.
 */
export interface Envelope<T = unknown, K extends string = string> {
  /** Unique id of this emission (UUID), usable for de-duplication. */
  id: string;
  /** The event name, the same as the Socket.IO event it was sent on. */
  type: K;
  /** The application's payload. */
  data: T;
  /** Milliseconds since the Unix epoch at which the server emitted it. */
  timestamp: number;
  /** Where it was sent. */
  metadata: EnvelopeMetadata;
}

/** Tells whether a received value has the shape of an {@link Envelope}. */
export function isEnvelope(value: unknown): value is Envelope {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Envelope>;
  return (
    typeof candidate.id === 'string' &&
    typeof candidate.type === 'string' &&
    typeof candidate.timestamp === 'number' &&
    typeof candidate.metadata === 'object' &&
    candidate.metadata !== null &&
    typeof candidate.metadata.tenantId === 'string' &&
    'data' in candidate
  );
}
