// The `bare` arm: a plain socket.io Server with the library's options (same transport, parser
// and adapter), the request discarded after the handshake as the socket.io docs advise, and the
// same two rooms per socket, joined from plain `auth.tenantId` / `auth.userId` fields with no
// verification. It emits `connected` once set up, like the library, so readiness means the same.
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { createAdapterFactory } from './adapters.mjs';
import { idleHandlerNames, NAMESPACE, rpcAnswer, serverOptions, tenantRoom, userRoom } from './shared.mjs';

export async function start(config) {
  const http = createServer();
  const io = new Server(http, serverOptions());
  io.engine.on('connection', (rawSocket) => {
    rawSocket.request = null;
  });
  const adapter = config.adapter ? await createAdapterFactory(config.adapter) : undefined;
  if (adapter) io.adapter(adapter.factory);
  const namespace = io.of(NAMESPACE);
  const idle = idleHandlerNames(config.handlers ?? 0);
  namespace.on('connection', (socket) => {
    const { tenantId, userId } = socket.handshake.auth ?? {};
    socket.data.user = { tenantId, userId };
    socket.join([tenantRoom(tenantId), userRoom(tenantId, userId)]);
    for (const name of idle) socket.on(name, (body, ack) => typeof ack === 'function' && ack({ ok: true }));
    if (config.rpc) socket.on('rpc', (body, ack) => ack(rpcAnswer(body)));
    socket.emit('connected', { user: socket.data.user });
  });
  await new Promise((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    port: http.address().port,
    namespace,
    adapterName: namespace.adapter.constructor.name,
    emit: (tenantId, event, data) => namespace.to(tenantRoom(tenantId)).emit(event, data),
    async close() {
      await new Promise((resolve) => io.close(() => resolve()));
      await adapter?.close();
    },
  };
}
