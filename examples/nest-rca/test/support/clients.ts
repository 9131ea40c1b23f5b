import type { ClientToServerEvents, ConnectedPayload, ServerToClientEvents } from '@tenantcast/protocol';
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import type { RcaClientEvents, RcaServerEvents } from '../../src/realtime/rca-events';

/** A client socket typed by the example's event maps, as a front end would declare it. */
export type RcaSocket = Socket<ServerToClientEvents<RcaServerEvents>, ClientToServerEvents<RcaClientEvents>>;

type ClientOptions = Partial<ManagerOptions & SocketOptions>;

/** The error of a refused handshake: message `Unauthorized`, the reason in `data.code`. */
export type ConnectError = Error & { data?: { code?: string; message?: string } };

const opened = new Set<RcaSocket>();

/**
 * Connects a real socket.io-client and resolves once the server sent `connected`. `watch` runs
 * before the connection starts, for listeners that must not miss early events.
 */
export function connect(
  socketUrl: string,
  token: string | undefined,
  options: ClientOptions = {},
  watch?: (socket: RcaSocket) => void,
): Promise<{ socket: RcaSocket; connected: ConnectedPayload }> {
  const socket: RcaSocket = io(socketUrl, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false, forceNew: true, ...options, autoConnect: false });
  opened.add(socket);
  watch?.(socket);
  socket.connect();
  return new Promise((resolve, reject) => {
    // Both listeners go once either fires: a later connect_error belongs to a reconnection.
    const onConnected = (connected: ConnectedPayload) => {
      socket.off('connect_error', onError);
      resolve({ socket, connected });
    };
    const onError = (error: Error) => {
      socket.off('connected', onConnected);
      socket.close();
      reject(error);
    };
    socket.once('connected', onConnected);
    socket.once('connect_error', onError);
  });
}

/** Connects and resolves with the `connect_error` the server answered with. */
export async function connectError(socketUrl: string, token: string | undefined, options: ClientOptions = {}): Promise<ConnectError> {
  try {
    const { socket } = await connect(socketUrl, token, options);
    socket.close();
  } catch (error) {
    return error as ConnectError;
  }
  throw new Error('expected the connection to be refused, but it was accepted');
}

/** Closes every socket `connect` opened; for `afterEach`/`afterAll`. */
export function closeAll(): void {
  for (const socket of opened) socket.close();
  opened.clear();
}

/** Emits `join-rca` and resolves with the acknowledgement. */
export function joinRca(socket: RcaSocket, rcaId: string) {
  return socket.timeout(5_000).emitWithAck('join-rca', rcaId);
}

/** Emits `leave-rca` and resolves with the acknowledgement. */
export function leaveRca(socket: RcaSocket, rcaId: string) {
  return socket.timeout(5_000).emitWithAck('leave-rca', rcaId);
}

/**
 * Proves a socket has received everything sent to it before this call: the acknowledgement of a
 * round trip comes back on the same connection, after anything the server emitted earlier.
 */
export async function settle(...sockets: RcaSocket[]): Promise<void> {
  await Promise.all(sockets.map((socket) => leaveRca(socket, 'settle-round-trip')));
}

type ServerEvents = ServerToClientEvents<RcaServerEvents>;

/** What a listener of `E` receives: an envelope for application events, a payload for system ones. */
export type Received<E extends keyof ServerEvents> = Parameters<ServerEvents[E]>[0];

/** Collects everything a socket receives on `event`. */
export function collect<E extends keyof ServerEvents & string>(socket: RcaSocket, event: E): Array<Received<E>> {
  const received: Array<Received<E>> = [];
  (socket as Socket).on(event as string, (payload: Received<E>) => received.push(payload));
  return received;
}
