import type { INestApplicationContext } from '@nestjs/common';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { createServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';

/**
 * Nest's Socket.IO adapter, except that a gateway on a port of its own (`WEBSOCKET_PORT`) listens
 * on `host` only: socket.io's `new Server(port)` would listen on every interface. On the HTTP
 * server's port nothing changes (that server already listens on `HOST`).
 */
export class HostBoundIoAdapter extends IoAdapter {
  constructor(
    app: INestApplicationContext,
    private readonly host: string,
  ) {
    super(app);
  }

  override createIOServer(port: number, options?: ServerOptions): Server {
    if (port === 0) return super.createIOServer(port, options);
    const http = createServer();
    http.listen(port, this.host);
    return new Server(http, options);
  }
}
