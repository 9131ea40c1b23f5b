import type { ClientEvent, ClientEventAck, ErrorAck, ReservedSocketEvent, ServerToClientEvents, SystemEventName } from '@tenantcast/protocol';

export type { ReservedSocketEvent };

/** The empty event map: no application events. */
export type NoEvents = Record<never, never>;

/**
 * Constraint on an application's server event map (event name → data): any object type whose
 * keys are neither Tenantcast's system event names nor socket.io's reserved ones.
 *
 * @example
 * interface ServerEvents {
 *   'rca-updated': { rcaId: string; status: 'open' | 'closed' };
 * }
 */
export type ServerEventsShape<S> = { [K in keyof S]: K extends SystemEventName | ReservedSocketEvent ? never : unknown };

/**
 * Constraint on an application's client event map (event name → {@link ClientEvent}), whose keys
 * are neither Tenantcast's system event names nor socket.io's reserved ones.
 *
 * @example
 * interface ClientEvents {
 *   typing: ClientEvent<{ rcaId: string }>;
 *   'add-comment': ClientEvent<{ rcaId: string; text: string }, { ok: true; id: string } | ErrorAck>;
 * }
 */
export type ClientEventsShape<C> = {
  [K in keyof C]: K extends SystemEventName | ReservedSocketEvent ? never : ClientEvent<unknown, unknown>;
};

/** Events the client can listen to: the application's server events and the system events. */
export type ListenEventName<S> = keyof ServerToClientEvents<S> & string;

/**
 * The handler of event `K`: application events receive their `Envelope`, system events their
 * payload — the listener signature the socket itself is typed with.
 */
export type EventHandler<S, K extends ListenEventName<S>> = ServerToClientEvents<S>[K];

/** Client events sent without acknowledgement (`ClientEvent<P>`): use `emit`. */
export type EmitEventName<C> = {
  [K in keyof C & string]: [ClientEventAck<C, K>] extends [void] ? K : never;
}[keyof C & string];

/** Client events the server acknowledges (`ClientEvent<P, Ack>`): use `request`. */
export type RequestEventName<C> = {
  [K in keyof C & string]: [ClientEventAck<C, K>] extends [void] ? never : K;
}[keyof C & string];

/** The arguments after the event name of `emit`: the payload, or nothing for `ClientEvent<void>`. */
export type EmitArgs<P> = [P] extends [void] ? [] : [payload: P];

/** Options of one `request`. */
export interface RequestOptions {
  /**
   * Milliseconds to wait for the acknowledgement before rejecting with `TIMEOUT`.
   * @default the client's `requestTimeoutMs` (10000)
   */
  timeout?: number;
}

/** The arguments after the event name of `request`: the payload (if any), then options. */
export type RequestArgs<P> = [P] extends [void]
  ? [payload?: undefined, options?: RequestOptions]
  : [payload: P, options?: RequestOptions];

/**
 * What `request` resolves with: the acknowledgement without its refusal branch, since a refused
 * acknowledgement (`{ ok: false, error }`) rejects the promise instead.
 */
export type RequestResult<A> = Exclude<A, ErrorAck>;
