// One Socket.IO connection of the load generator, over websocket.mjs with the minimal framing of
// framing.mjs. Ready means the server's `connected` event arrived, as for a real client of the
// library; every arm emits it once the socket is set up.
import { connectFrame, enginePath, EngineType, eventFrame, PacketType, parseFrame, readStamp, stampedPrefix } from './framing.mjs';
import { WebSocketConnection } from './websocket.mjs';

const CONNECTED_EVENT = 'connected';
let nextId = 1;

export class RawClient {
  /**
   * @param {{ host: string, port: number, namespace: string }} target
   * @param {{ userId: string, tenantId: string }} identity
   * @param {string} token
   * @param {string} group label the generator reports figures by (a node, a tenant set)
   * @param {{ onStamp(client, stamp, at): void, onAck(client, ackId, args, at): void, onClose(client): void }} hooks
   */
  constructor(target, identity, token, group, hooks) {
    this.id = nextId++;
    this.target = target;
    this.identity = identity;
    this.token = token;
    this.group = group;
    this.hooks = hooks;
    this.ws = undefined;
    this.ready = false;
    this.nextAckId = 0;
    this.pendingAcks = new Map();
    this.autoReconnect = false;
    this.attempt = 0;
  }

  /** Opens the connection; resolves with the milliseconds until `connected`, rejects on refusal, close or timeout. */
  open(timeoutMs, now) {
    const started = now();
    const { host, port, namespace } = this.target;
    const stamped = stampedPrefix(namespace);
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error, ms) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (error) {
          ws.terminate();
          reject(error);
        } else {
          resolve(ms);
        }
      };
      const timer = setTimeout(() => settle(new Error('timed out')), timeoutMs);
      const ws = new WebSocketConnection(host, port, enginePath(), {
        onError: (error) => settle(new Error(error.code ?? error.message)),
        onClose: () => {
          const wasReady = this.ready;
          this.ready = false;
          settle(new Error('closed before connected'));
          if (wasReady) this.hooks.onClose(this);
        },
        onMessage: (frame) => {
          const at = now();
          if (frame.startsWith(stamped)) {
            const stamp = readStamp(frame);
            if (stamp) this.hooks.onStamp(this, stamp, at);
            return;
          }
          if (frame === EngineType.Ping) return ws.send(EngineType.Pong);
          if (frame[0] === EngineType.Open) return ws.send(connectFrame(namespace, { token: this.token, userId: this.identity.userId, tenantId: this.identity.tenantId }));
          const packet = parseFrame(frame, namespace);
          if (!packet || packet.engine !== EngineType.Message) return;
          if (packet.type === PacketType.Event && !this.ready && packet.data?.[0] === CONNECTED_EVENT) {
            this.ready = true;
            settle(undefined, at - started);
          } else if (packet.type === PacketType.Ack) {
            this.hooks.onAck(this, packet.ackId, packet.data, at);
          } else if (packet.type === PacketType.ConnectError) {
            settle(new Error(`refused ${packet.data?.data?.code ?? packet.data?.message ?? ''}`.trim()));
          }
        },
      });
      this.ws = ws;
    });
  }

  /** Sends an event with an ack id; returns the id. */
  emitWithAck(name, args) {
    const ackId = this.nextAckId++;
    this.ws.send(eventFrame(this.target.namespace, name, args, ackId));
    return ackId;
  }

  /** Drops the connection at once (no close handshake), as a killed client would. */
  terminate() {
    this.autoReconnect = false;
    this.ready = false;
    this.ws?.terminate();
  }
}
