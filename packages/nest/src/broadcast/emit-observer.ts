/** Where an emit was addressed. */
export type EmitTarget = 'room' | 'user' | 'tenant';

/** Hears every emit of {@link EnvelopeBroadcaster}: the ones sent and the ones refused before sending. */
export interface EmitObserver {
  /** An envelope of `type` was handed to the adapter for `tenantId`. */
  emitted(target: EmitTarget, type: string, tenantId: string): void;
  /** An emit was refused (invalid room, payload not encodable or too large); nothing was sent. */
  emitFailed(target: EmitTarget, error: unknown): void;
}
