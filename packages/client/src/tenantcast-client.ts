import { isSystemEvent, SystemEvent, type PresenceChangePayload, type RoomLostPayload, type RoomMemberPayload } from '@tenantcast/protocol';
import type { Manager } from 'socket.io-client';
import { assertTimeout, requestAck } from './ack-request';
import type { ReconnectionOptions } from './backoff';
import { ConnectionSupervisor, type ServerSubscriptions } from './connection-supervisor';
import type { RequestOptions } from './event-types';
import { joinRoom } from './join-room';
import type { RealtimeLogger } from './logger';
import { roomPresence, TenantPresence, type PresenceRef, type PresenceScope } from './presence-subscription';
import type { RealtimeClient } from './realtime-client';
import type { RealtimeClientError } from './realtime-client-error';
import { RoomRegistry, type RoomHandle, type RoomRef } from './room-registry';
import { createStatusStore, type StatusStore } from './status-store';
import { createSystemRequest, type SystemRequest, type SystemSocket } from './system-socket';
import type { TokenSource } from './token-provider';

// Any listener: the public signatures (RealtimeClient) check event names and payloads.
type Handler = (...args: never[]) => void;

/** The socket as a plain event emitter, for application events the client's own types already checked. */
interface UntypedEmitter {
  on(event: string, handler: Handler): unknown;
  once(event: string, handler: Handler): unknown;
  off(event: string, handler: Handler): unknown;
  emit(event: string, ...args: unknown[]): unknown;
}

/** @internal What a client is made of, resolved from its options by `createRealtimeClient`. */
export interface TenantcastClientParts {
  manager: Manager;
  socket: SystemSocket;
  token: TokenSource;
  reconnection: ReconnectionOptions | false;
  requestTimeoutMs: number;
  logger: RealtimeLogger;
  reportError(error: RealtimeClientError): void;
}

/**
 * @internal The client behind {@link RealtimeClient}. Its methods live on the prototype and its
 * rooms and presence are created on first use: a process may hold thousands of clients (a load
 * test, a server-side bridge), and every closure or listener made per client costs memory in
 * each of them.
 */
export class TenantcastClient<S, C> implements RealtimeClient<S, C>, ServerSubscriptions {
  readonly status: StatusStore;
  readonly socket: RealtimeClient<S, C>['socket'];
  private readonly supervisor: ConnectionSupervisor;
  private readonly requestSystem: SystemRequest;
  private rooms: RoomRegistry | undefined;
  private tenantPresence: TenantPresence | undefined;

  constructor(private readonly parts: TenantcastClientParts) {
    this.status = createStatusStore();
    this.socket = parts.socket as unknown as RealtimeClient<S, C>['socket'];
    this.requestSystem = createSystemRequest(parts.socket, parts.requestTimeoutMs);
    this.supervisor = new ConnectionSupervisor({
      manager: parts.manager,
      socket: parts.socket,
      request: this.requestSystem,
      token: parts.token,
      reconnection: parts.reconnection,
      welcomeTimeoutMs: parts.requestTimeoutMs,
      status: this.status,
      logger: parts.logger,
      reportError: parts.reportError,
      subscriptions: this,
    });
  }

  connect(): void {
    this.supervisor.connect();
  }

  close(): void {
    this.supervisor.close();
  }

  on(event: string, handler: Handler): () => void {
    const events = this.events();
    events.on(event, handler);
    return () => void events.off(event, handler);
  }

  once(event: string, handler: Handler): () => void {
    const events = this.events();
    events.once(event, handler);
    return () => void events.off(event, handler);
  }

  off(event: string, handler: Handler): void {
    this.events().off(event, handler);
  }

  emit(event: string, ...args: unknown[]): void {
    assertApplicationEvent(event);
    this.events().emit(event, ...args);
  }

  request(event: string, ...args: unknown[]): Promise<never> {
    assertApplicationEvent(event);
    const [payload, requestOptions] = args as [unknown, RequestOptions | undefined];
    const timeout = requestOptions?.timeout ?? this.parts.requestTimeoutMs;
    assertTimeout(timeout, 'request timeout');
    return requestAck(this.parts.socket, event, payload === undefined ? [] : [payload], timeout) as Promise<never>;
  }

  join(kind: string, id: string): Promise<RoomHandle> {
    return joinRoom(this.roomRegistry().acquire(kind, id), this.status);
  }

  room(kind: string, id: string): RoomRef {
    return this.roomRegistry().acquire(kind, id);
  }

  presence(scope: PresenceScope = 'tenant'): PresenceRef {
    if (scope !== 'tenant') return roomPresence(this.roomRegistry().acquire(scope.kind, scope.id));
    this.tenantPresence ??= new TenantPresence({ request: this.requestSystem, isConnected: () => this.isConnected(), reportError: this.parts.reportError });
    return this.tenantPresence.acquire();
  }

  /** @internal */
  connected(recovered: boolean): void {
    this.rooms?.connected(recovered);
    this.tenantPresence?.connected(recovered);
  }

  /** @internal */
  disconnected(): void {
    this.rooms?.disconnected();
    this.tenantPresence?.disconnected();
  }

  /** @internal */
  serverEvent(event: string, payload: unknown): void {
    switch (event) {
      case SystemEvent.UserJoined:
        this.rooms?.memberJoined(payload as RoomMemberPayload);
        break;
      case SystemEvent.UserLeft:
        this.rooms?.memberLeft(payload as RoomMemberPayload);
        break;
      case SystemEvent.RoomLost:
        this.rooms?.roomLost(payload as RoomLostPayload);
        break;
      case SystemEvent.PresenceOnline:
        this.tenantPresence?.online(payload as PresenceChangePayload);
        break;
      case SystemEvent.PresenceOffline:
        this.tenantPresence?.offline(payload as PresenceChangePayload);
        break;
    }
  }

  private roomRegistry(): RoomRegistry {
    this.rooms ??= new RoomRegistry({ request: this.requestSystem, isConnected: () => this.isConnected(), reportError: this.parts.reportError });
    return this.rooms;
  }

  private isConnected(): boolean {
    return this.status.getSnapshot().type === 'connected';
  }

  private events(): UntypedEmitter {
    return this.parts.socket as unknown as UntypedEmitter;
  }
}

function assertApplicationEvent(event: string): void {
  if (isSystemEvent(event)) {
    throw new TypeError(`'${event}' is a Tenantcast system event; use the client's methods (join, presence, …) instead of sending it`);
  }
}
