import { io, type Socket } from 'socket.io-client';
import type { ConnectedPayload } from '@tenantcast/protocol';
import { signToken } from '@tenantcast/test-support';

/** The HMAC secret every fixture app is started with. */
export const COMPAT_SECRET = 'tenantcast-compat-secret-0123456789-abcdefghij';

/** A signed token for `userId` of `tenantId`; `expiresInSeconds` negative for an expired one. */
export function tokenFor(userId: string, tenantId: string, options: { role?: string; expiresInSeconds?: number } = {}): string {
  return signToken({ sub: userId, tenantId, role: options.role ?? 'engineer' }, { secret: COMPAT_SECRET, expiresInSeconds: options.expiresInSeconds ?? 300 });
}

function open(url: string, token: string | undefined): Socket {
  return io(`${url}/rca`, { auth: token === undefined ? {} : { token }, transports: ['websocket'], reconnection: false, forceNew: true });
}

/** Connects a real socket.io-client and resolves once the server sent `connected`. */
export function connect(url: string, token: string): Promise<{ socket: Socket; connected: ConnectedPayload }> {
  const socket = open(url, token);
  return new Promise((resolve, reject) => {
    socket.once('connected', (connected: ConnectedPayload) => resolve({ socket, connected }));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(error);
    });
  });
}

/** Connects expecting a refusal and resolves with the `connect_error`'s code. */
export function refusalCode(url: string, token: string | undefined): Promise<string | undefined> {
  const socket = open(url, token);
  return new Promise((resolve, reject) => {
    socket.once('connected', () => {
      socket.close();
      reject(new Error('expected the handshake to be refused, but it was accepted'));
    });
    socket.once('connect_error', (error: Error & { data?: { code?: string } }) => {
      socket.close();
      resolve(error.data?.code);
    });
  });
}

/** Emits `event` and resolves with the acknowledgement. */
export function ack<T>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(5_000).emitWithAck(event, ...args) as Promise<T>;
}
