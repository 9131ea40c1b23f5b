/**
 * A bare Engine.IO v4 long-polling client (plain fetch) that connects to a namespace and then
 * goes silent: it never polls again, so it never answers the server's pings, like a client whose
 * network dropped without closing the connection.
 */
export class SilentPollingClient {
  private constructor(
    private readonly endpoint: string,
    /** Settings the server sent in its Engine.IO handshake. */
    readonly handshake: { sid: string; pingInterval: number; pingTimeout: number },
  ) {}

  /** Opens an Engine.IO session on `baseUrl`. */
  static async open(baseUrl: string): Promise<SilentPollingClient> {
    const response = await fetch(`${baseUrl}/socket.io/?EIO=4&transport=polling`);
    const handshake = JSON.parse((await response.text()).slice(1)) as SilentPollingClient['handshake'];
    return new SilentPollingClient(`${baseUrl}/socket.io/?EIO=4&transport=polling&sid=${handshake.sid}`, handshake);
  }

  /** Connects `namespace` with `token` and polls until the server's `connected` event arrived. */
  async connectNamespace(namespace: string, token: string): Promise<void> {
    await fetch(this.endpoint, { method: 'POST', body: `40${namespace},${JSON.stringify({ token })}` });
    for (;;) {
      const response = await fetch(this.endpoint);
      if (!response.ok) throw new Error(`polling failed with ${response.status}: ${await response.text()}`);
      const packets = (await response.text()).split('\x1e');
      if (packets.some((packet) => packet.startsWith(`42${namespace},["connected"`))) return;
      if (packets.some((packet) => packet.startsWith(`44${namespace}`))) throw new Error(`namespace connection refused: ${packets.join(' ')}`);
    }
  }
}
