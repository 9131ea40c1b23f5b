import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from './ports';
import { fastFailingRedis } from './redis';
import { waitFor } from './wait';

/**
 * A `redis-server` of a test's own, on a free loopback port, without persistence (a restart loses
 * every key), for tests that stop, freeze or restart Redis. Never touches the shared Redis.
 */
export class TestRedisServer {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  /** Starts a server on a free port and resolves once it answers PING. */
  static async start(): Promise<TestRedisServer> {
    const server = new TestRedisServer(await freePort());
    await server.restart();
    return server;
  }

  /** `redis://127.0.0.1:<port>`. */
  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** Starts the server (again, empty) on the same port and resolves once it answers. */
  async restart(): Promise<void> {
    if (this.child && this.child.exitCode === null && this.child.signalCode === null) throw new Error('the test Redis is still running');
    this.child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    await waitFor(() => this.answers(), `redis-server on port ${this.port} to answer`, 5_000);
  }

  /** Stops the server the way `SHUTDOWN NOSAVE` does and resolves once it has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const client = fastFailingRedis(this.url);
    try {
      await client.connect();
      await client.call('SHUTDOWN', 'NOSAVE').catch(() => undefined);
    } catch {
      child.kill('SIGKILL');
    } finally {
      client.disconnect();
    }
    await exited;
  }

  private async answers(): Promise<boolean> {
    const client = fastFailingRedis(this.url);
    try {
      await client.connect();
      return (await client.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      client.disconnect();
    }
  }
}
