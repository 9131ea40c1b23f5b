import {
  ErrorCode,
  isApplicationEventName,
  resourceRoom,
  SystemEvent,
  tenantRoom,
  userRoom,
  type Envelope,
  type EnvelopeMetadata,
} from '@tenantcast/protocol';
import { randomUUID } from 'node:crypto';
import { RealtimeError } from '../errors/realtime.error';
import { describePayloadProblem, measurePayload } from '../limits/payload-shape';
import type { BroadcastTarget } from './broadcast-target';
import { buildRoom } from './build-room';
import type { EmitObserver, EmitTarget } from './emit-observer';
import { SharedAcrossBuilds } from '../shared-across-builds';

/** The limits the emit helpers apply to what they send. */
export interface PayloadLimits {
  /** Deepest nesting of `data` accepted (the data itself is depth 0). */
  maxPayloadDepth: number;
  /** Largest envelope sent, in bytes (a lower bound of its JSON size). */
  maxEmitBytes: number;
}

/**
 * Sends application events in the standard {@link Envelope} to resource rooms, users and tenants,
 * and ends users' sessions. The one implementation behind `RealtimeService` (through the
 * namespace, hence every process the adapter reaches) and `RealtimeEmitter` (through Redis, from a
 * process without sockets).
 *
 * @typeParam Events - the application's server event map (event name → data type).
 */
@SharedAcrossBuilds('EnvelopeBroadcaster')
// `any` in the constraint lets interfaces (which lack index signatures) serve as event maps.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class EnvelopeBroadcaster<Events extends Record<string, any> = Record<string, unknown>> {
  constructor(
    private readonly target: () => BroadcastTarget,
    private readonly payloadLimits: PayloadLimits,
    /** Hears each emit, sent or refused; absent while nothing measures. */
    private readonly observer?: EmitObserver,
  ) {}

  /**
   * Sends `type` with `data` to every socket in resource room `kind`/`id` of `tenantId`, on every
   * process.
   * @returns the envelope that was sent
   * @throws RealtimeError `INVALID_ROOM` for an invalid tenant, kind or id; `INVALID_PAYLOAD` for
   * data that cannot be encoded (nested deeper than `limits.maxPayloadDepth`, cyclic, a BigInt);
   * `PAYLOAD_TOO_LARGE` for an envelope above `limits.maxEmitBytes`. Nothing is sent then.
   */
  emitToRoom<K extends keyof Events & string>(tenantId: string, kind: string, id: string, type: K, data: Events[K]): Envelope<Events[K], K> {
    try {
      const room = buildRoom(() => resourceRoom(tenantId, kind, id));
      return this.sent('room', this.send(room, type, data, { tenantId, room, kind, resourceId: id }));
    } catch (error) {
      this.observer?.emitFailed('room', error);
      throw error;
    }
  }

  /**
   * Sends `type` with `data` to every connection (every tab and device, on every process) of one user.
   * @throws RealtimeError `INVALID_ROOM` for an invalid tenant or user id; `INVALID_PAYLOAD` or
   * `PAYLOAD_TOO_LARGE` as for {@link EnvelopeBroadcaster.emitToRoom}
   */
  emitToUser<K extends keyof Events & string>(tenantId: string, userId: string, type: K, data: Events[K]): Envelope<Events[K], K> {
    try {
      const room = buildRoom(() => userRoom(tenantId, userId));
      return this.sent('user', this.send(room, type, data, { tenantId, userId }));
    } catch (error) {
      this.observer?.emitFailed('user', error);
      throw error;
    }
  }

  /**
   * Sends `type` with `data` to every connection of a tenant, on every process, and to no other tenant.
   * @throws RealtimeError `INVALID_ROOM` for an invalid tenant id; `INVALID_PAYLOAD` or
   * `PAYLOAD_TOO_LARGE` as for {@link EnvelopeBroadcaster.emitToRoom}
   */
  emitToTenant<K extends keyof Events & string>(tenantId: string, type: K, data: Events[K]): Envelope<Events[K], K> {
    try {
      const room = buildRoom(() => tenantRoom(tenantId));
      return this.sent('tenant', this.send(room, type, data, { tenantId }));
    } catch (error) {
      this.observer?.emitFailed('tenant', error);
      throw error;
    }
  }

  /**
   * Closes every connection of a user, on every process, telling the client why first with
   * `session-ended` (`UNAUTHORIZED` and `reason`). This is the revocation call: after a token is
   * revoked (so `auth.isRevoked` refuses it at the next handshake or refresh), call it to end the
   * sessions already open.
   * @throws RealtimeError `INVALID_ROOM` for an invalid tenant or user id
   */
  disconnectUser(tenantId: string, userId: string, reason: string): void {
    const room = buildRoom(() => userRoom(tenantId, userId));
    const target = this.target();
    target.to(room).emit(SystemEvent.SessionEnded, { code: ErrorCode.Unauthorized, message: reason });
    target.to(room).disconnectSockets(true);
  }

  /** Tells the observer, if there is one, that `envelope` went out. */
  private sent<T, K extends string>(target: EmitTarget, envelope: Envelope<T, K>): Envelope<T, K> {
    this.observer?.emitted(target, envelope.type, envelope.metadata.tenantId);
    return envelope;
  }

  private send<K extends string, T>(room: string, type: K, data: T, metadata: EnvelopeMetadata): Envelope<T, K> {
    if (!isApplicationEventName(type)) {
      throw new RealtimeError(ErrorCode.InvalidPayload, `'${String(type)}' cannot be used as an event name: it is empty or reserved by Tenantcast or Socket.IO.`);
    }
    const envelope: Envelope<T, K> = { id: randomUUID(), type, data, timestamp: Date.now(), metadata };
    this.assertEncodable(envelope);
    this.target().to(room).emit(type, envelope);
    return envelope;
  }

  /**
   * Refuses what Socket.IO could not encode (its parser walks payloads recursively and throws a
   * RangeError on deep nesting, or loops on cycles) or should not send, before anything is sent.
   */
  private assertEncodable(envelope: Envelope): void {
    const { maxPayloadDepth, maxEmitBytes } = this.payloadLimits;
    // The data sits one level below the envelope.
    const measure = measurePayload(envelope, maxPayloadDepth + 1);
    if (!measure.ok) {
      const problem = { ...measure.problem, path: measure.problem.path.slice(1) };
      throw new RealtimeError(ErrorCode.InvalidPayload, `Cannot emit '${envelope.type}': ${describePayloadProblem(problem, maxPayloadDepth)}.`);
    }
    if (measure.bytes > maxEmitBytes) {
      throw new RealtimeError(ErrorCode.PayloadTooLarge, `Cannot emit '${envelope.type}': the envelope has at least ${measure.bytes} bytes, above limits.maxEmitBytes (${maxEmitBytes}).`);
    }
  }
}
