import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A running proxy and its base URL. */
export interface NoWebSocketProxy {
  url: string;
  close(): Promise<void>;
}

/**
 * An HTTP proxy in front of `target` that passes plain requests and drops every WebSocket
 * upgrade, like a corporate proxy or firewall that does not speak WebSocket.
 */
export function startNoWebSocketProxy(target: string): Promise<NoWebSocketProxy> {
  const { hostname, port } = new URL(target);
  const server: Server = createServer((incoming, outgoing) => {
    const forwarded = request({ hostname, port, path: incoming.url, method: incoming.method, headers: incoming.headers }, (response) => {
      outgoing.writeHead(response.statusCode ?? 502, response.headers);
      response.pipe(outgoing);
    });
    forwarded.on('error', () => outgoing.destroy());
    incoming.pipe(forwarded);
  });
  server.on('upgrade', (_request, socket) => socket.destroy());
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port: proxyPort } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${proxyPort}`,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
