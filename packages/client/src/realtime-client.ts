import type { ClientEventAck, ClientEventPayload, ClientToServerEvents, ServerToClientEvents } from '@tenantcast/protocol';
import type { Socket } from 'socket.io-client';
import type {
  EmitArgs,
  EmitEventName,
  EventHandler,
  ListenEventName,
  NoEvents,
  RequestArgs,
  RequestEventName,
  RequestResult,
} from './event-types';
import type { PresenceRef, PresenceScope } from './presence-subscription';
import type { RoomHandle, RoomRef } from './room-registry';
import type { RealtimeStatusStore } from './status-store';

/**
 * A typed Tenantcast connection over one socket.io-client socket: status, events, requests,
 * rooms and presence. Create it with {@link createRealtimeClient}.
 *
 * @typeParam S - the application's server events: event name → data (arrives in an `Envelope`).
 * @typeParam C - the application's client events: event name → `ClientEvent<Payload, Ack>`.
 */
export interface RealtimeClient<S = NoEvents, C = NoEvents> {
  /**
   * The connection's state as a store (`subscribe` / `getSnapshot`).
   *
   * @example
   * client.status.subscribe(() => {
   *   const status = client.status.getSnapshot();
   *   if (status.type === 'unauthorized') redirectToLogin();
   * });
   */
  readonly status: RealtimeStatusStore;

  /**
   * The underlying socket.io-client socket, for what this client does not cover (e.g.
   * `socket.io.engine` details). Connecting, disconnecting and `auth` are the client's.
   */
  readonly socket: Socket<ServerToClientEvents<S>, ClientToServerEvents<C>>;

  /**
   * Starts connecting (does nothing while connecting or connected). After `offline` or
   * `unauthorized`, starts a new series of attempts.
   */
  connect(): void;

  /** Closes the connection and stops retrying; status `idle`. Rooms stay referenced and are joined again on `connect()`. */
  close(): void;

  /**
   * Listens to a server event. Application events receive their `Envelope`, system events their
   * payload. Returns a function that stops listening.
   *
   * @example
   * const stop = client.on('rca-updated', (envelope) => {
   *   console.log(envelope.data.status, envelope.metadata.room);
   * });
   */
  on<K extends ListenEventName<S>>(event: K, handler: EventHandler<S, K>): () => void;

  /** Like {@link RealtimeClient.on}, for the next occurrence only. */
  once<K extends ListenEventName<S>>(event: K, handler: EventHandler<S, K>): () => void;

  /** Stops a handler added with {@link RealtimeClient.on}. */
  off<K extends ListenEventName<S>>(event: K, handler: EventHandler<S, K>): void;

  /**
   * Sends an event the server does not acknowledge. While disconnected, it is buffered and sent
   * on reconnect (socket.io-client's behaviour).
   *
   * @example
   * client.emit('typing', { rcaId: '42' });
   */
  emit<K extends EmitEventName<C>>(event: K, ...args: EmitArgs<ClientEventPayload<C, K>>): void;

  /**
   * Sends an event and resolves with the server's acknowledgement. Rejects with a
   * `RealtimeClientError`: the server's code for a refusal (`{ ok: false, error }`), `TIMEOUT`,
   * or `DISCONNECTED` if the connection closed first.
   *
   * @example
   * const { id } = await client.request('add-comment', { rcaId: '42', text: 'Root cause found' }, { timeout: 5_000 });
   */
  request<K extends RequestEventName<C>>(event: K, ...args: RequestArgs<ClientEventPayload<C, K>>): Promise<RequestResult<ClientEventAck<C, K>>>;

  /**
   * Joins room `kind`/`id` and resolves once the server acknowledged. Joins are counted: two
   * parts of an app joining the same room make one server join, and the room is left when both
   * have called `leave()`. The room is joined again after each reconnect.
   * Rejects with a `RealtimeClientError` if the server refuses (`FORBIDDEN`, `INVALID_ROOM`) or
   * the client gives up connecting (`offline`, `unauthorized`, `close()`) first.
   *
   * @example
   * const rca = await client.join('rca', '42');
   * console.log(rca.room, rca.presence.getSnapshot());
   * await rca.leave();
   */
  join(kind: string, id: string): Promise<RoomHandle>;

  /**
   * Takes a reference to room `kind`/`id` at once, without waiting: the store shows
   * `joining`, `joined` or `error`. The room is joined while references are held. This is what
   * `useRoom` uses.
   */
  room(kind: string, id: string): RoomRef;

  /**
   * Follows who is online in the tenant (`'tenant'`) or in a room (`{ kind, id }`, which joins
   * it): the server's list first, then its join and leave events. Nothing is polled.
   *
   * @example
   * const online = client.presence('tenant');
   * online.subscribe(() => setOnline(online.getSnapshot().members));
   */
  presence(scope?: PresenceScope): PresenceRef;
}
