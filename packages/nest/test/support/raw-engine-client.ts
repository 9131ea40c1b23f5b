import WebSocket from 'ws';

/**
 * A minimal Engine.IO v4 / Socket.IO v5 client over a raw WebSocket, for tests that need a client
 * to misbehave at the protocol level (stop answering pings, send malformed packets).
 */
export class RawEngineClient {
  readonly frames: string[] = [];
  readonly opened: Promise<void>;
  readonly closed: Promise<number>;
  answerPings = true;

  private readonly ws: WebSocket;

  constructor(baseUrl: string) {
    this.ws = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', () => resolve());
      this.ws.once('error', reject);
    });
    this.closed = new Promise((resolve) => this.ws.once('close', () => resolve(Date.now())));
    this.ws.on('message', (data) => {
      const frame = data.toString();
      this.frames.push(frame);
      if (frame === '2' && this.answerPings) this.ws.send('3');
    });
  }

  /** Sends the Socket.IO CONNECT packet for `namespace` with a token. */
  connectNamespace(namespace: string, token: string): void {
    this.ws.send(`40${namespace},${JSON.stringify({ token })}`);
  }

  /** Sends a raw frame. */
  send(frame: string): void {
    this.ws.send(frame);
  }

  /** Resolves once a frame matching `test` arrived. */
  async waitForFrame(test: (frame: string) => boolean, timeoutMs = 5_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = this.frames.find(test);
      if (found !== undefined) return found;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(this.frames).slice(0, 300)}`);
  }

  /** Whether the server has closed the connection. */
  get isClosed(): boolean {
    return this.ws.readyState === WebSocket.CLOSED;
  }

  /** Closes the connection. */
  close(): void {
    this.ws.close();
  }
}
