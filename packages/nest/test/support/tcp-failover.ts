import { createConnection, createServer, type Server, type Socket } from 'node:net';

/**
 * A stand-in for a load balancer on loopback: every new TCP connection goes to the first upstream
 * port in `order` that accepts it, so clients of a process that dies or shuts down reconnect to
 * the next one. Existing connections are piped as they are.
 */
export class TcpFailover {
  private readonly server: Server;
  private readonly open = new Set<Socket>();

  private constructor(private order: readonly number[]) {
    this.server = createServer((client) => this.forward(client, 0));
  }

  /** Listens on a free loopback port. */
  static async start(order: readonly number[]): Promise<TcpFailover> {
    const failover = new TcpFailover(order);
    await new Promise<void>((resolve) => failover.server.listen(0, '127.0.0.1', resolve));
    return failover;
  }

  /** The URL clients connect to. */
  get url(): string {
    return `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  /** Sends new connections to these upstream ports, first come first; existing ones stay. */
  route(order: readonly number[]): void {
    this.order = order;
  }

  /** Stops listening and cuts every piped connection. */
  async close(): Promise<void> {
    for (const socket of this.open) socket.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private forward(client: Socket, index: number): void {
    const port = this.order[index];
    if (port === undefined) {
      client.destroy();
      return;
    }
    client.pause();
    const upstream = createConnection({ host: '127.0.0.1', port });
    let connected = false;
    upstream.once('error', () => {
      upstream.destroy();
      if (connected) client.destroy();
      else this.forward(client, index + 1);
    });
    upstream.once('connect', () => {
      connected = true;
      this.track(client);
      this.track(upstream);
      client.on('error', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
      client.resume();
    });
  }

  private track(socket: Socket): void {
    this.open.add(socket);
    socket.once('close', () => this.open.delete(socket));
  }
}
