// The minimal Engine.IO v4 / Socket.IO v5 text framing the load generator speaks over a
// WebSocket: open `0{...}` → CONNECT `40/nsp,{auth}` → `40/nsp,{sid}`; ping `2` → pong `3`; events
// `42/nsp,[name, ...args]`, with an ack id `42/nsp,7[...]` answered by `43/nsp,7[...]`.

export const EngineType = Object.freeze({ Open: '0', Close: '1', Ping: '2', Pong: '3', Message: '4' });
export const PacketType = Object.freeze({ Connect: '0', Disconnect: '1', Event: '2', Ack: '3', ConnectError: '4' });

/** The request path of a WebSocket-only Engine.IO connection. */
export function enginePath(path = '/socket.io/') {
  return `${path}?EIO=4&transport=websocket`;
}

/** The CONNECT packet for `namespace` with `auth`. */
export function connectFrame(namespace, auth) {
  return `40${namespacePart(namespace)}${JSON.stringify(auth)}`;
}

/** An EVENT packet, with an ack id when `ackId` is given. */
export function eventFrame(namespace, name, args, ackId) {
  return `42${namespacePart(namespace)}${ackId ?? ''}${JSON.stringify([name, ...args])}`;
}

/**
 * Parses one text frame for `namespace`.
 * @returns {{ engine: string, type?: string, ackId?: number, data?: unknown } | undefined}
 *   `undefined` for a packet of another namespace
 */
export function parseFrame(frame, namespace) {
  const engine = frame[0];
  if (engine !== EngineType.Message) return { engine };
  const type = frame[1];
  let offset = 2;
  const prefix = namespacePart(namespace);
  if (prefix) {
    if (!frame.startsWith(prefix, offset)) return undefined;
    offset += prefix.length;
  } else if (frame[offset] === '/') {
    return undefined;
  }
  let ackId;
  let digitsEnd = offset;
  while (digitsEnd < frame.length && frame.charCodeAt(digitsEnd) >= 48 && frame.charCodeAt(digitsEnd) <= 57) digitsEnd += 1;
  if (digitsEnd > offset) {
    ackId = Number(frame.slice(offset, digitsEnd));
    offset = digitsEnd;
  }
  const body = frame.slice(offset);
  return { engine, type, ackId, data: body.length > 0 ? JSON.parse(body) : undefined };
}

/** The event every stamped broadcast uses. */
export const STAMPED_EVENT = 'tick';

/** The start of a stamped broadcast frame in `namespace`. */
export function stampedPrefix(namespace) {
  return `42${namespacePart(namespace)}["${STAMPED_EVENT}",`;
}

/**
 * Reads `ts`, `seq` and `tenantId` of a stamped broadcast frame without parsing all of it (the
 * generator's per-delivery cost must stay well below the server's). The keys are the first of
 * their name in the frame both bare and in the library's envelope, whose own fields are `id`,
 * `type`, `data`, `timestamp` and `metadata`. `undefined` when a field is missing.
 */
export function readStamp(frame) {
  const tsAt = frame.indexOf('"ts":');
  const seqAt = frame.indexOf('"seq":');
  const tenantAt = frame.indexOf('"tenantId":"');
  if (tsAt === -1 || seqAt === -1 || tenantAt === -1) return undefined;
  const tenantStart = tenantAt + 12;
  return { ts: readNumber(frame, tsAt + 5), seq: readNumber(frame, seqAt + 6), tenantId: frame.slice(tenantStart, frame.indexOf('"', tenantStart)) };
}

function readNumber(text, start) {
  let end = start;
  while (end < text.length) {
    const code = text.charCodeAt(end);
    // digits, '.', '-', '+', 'e', 'E'
    if ((code >= 48 && code <= 57) || code === 46 || code === 45 || code === 43 || code === 101 || code === 69) end += 1;
    else break;
  }
  return Number(text.slice(start, end));
}

function namespacePart(namespace) {
  return namespace === '/' ? '' : `${namespace},`;
}
