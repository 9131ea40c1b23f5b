import type { ConnectedPayload } from '@tenantcast/protocol';
import { io, type Socket, type SocketOptions, type ManagerOptions } from 'socket.io-client';
import { tokenFor } from './tokens';

/** A client socket that received its `connected` event. */
export interface ConnectedClient {
  socket: Socket;
  connected: ConnectedPayload;
}

type ClientOptions = Partial<ManagerOptions & SocketOptions>;

/** Connects a real socket.io-client and resolves once the server sent `connected`. */
export function connectClient(baseUrl: string, namespace: string, token: string | undefined, options: ClientOptions = {}): Promise<ConnectedClient> {
  const socket = io(`${baseUrl}${namespace}`, {
    auth: token === undefined ? {} : { token },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    ...options,
  });
  return new Promise((resolve, reject) => {
    socket.once('connected', (connected: ConnectedPayload) => resolve({ socket, connected }));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Connects and resolves with the `connect_error` the server answered with. */
export async function expectConnectError(baseUrl: string, namespace: string, token: string | undefined, options: ClientOptions = {}): Promise<Error & { data?: { code?: string } }> {
  try {
    const { socket } = await connectClient(baseUrl, namespace, token, options);
    socket.close();
  } catch (error) {
    return error as Error & { data?: { code?: string } };
  }
  throw new Error('expected the connection to be refused, but it was accepted');
}

/** Emits `event` with `payload` and resolves with the acknowledgement. */
export function request<T = unknown>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(5_000).emitWithAck(event, ...args) as Promise<T>;
}

/**
 * Proves a socket received nothing more: emits a round trip through the server after the
 * events under test, so anything sent before it has arrived by the time the ack comes back.
 */
export async function flush(socket: Socket): Promise<void> {
  await request(socket, 'leave', { kind: '__flush__', id: 'x' });
}

/** Connects sockets for a test file and closes every one of them afterwards. */
export class ClientPool {
  private readonly sockets: Socket[] = [];

  constructor(private readonly baseUrl: () => string, private readonly namespace = '/rca') {}

  /** Connects `userId` of `tenantId` with a fresh valid token. */
  async connect(userId: string, tenantId: string): Promise<Socket> {
    const { socket } = await connectClient(this.baseUrl(), this.namespace, tokenFor(userId, tenantId));
    this.sockets.push(socket);
    return socket;
  }

  /** Closes every socket this pool opened. */
  closeAll(): void {
    for (const socket of this.sockets.splice(0)) socket.close();
  }
}
