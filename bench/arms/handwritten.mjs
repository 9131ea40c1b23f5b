// The `handwritten` arm: what a NestJS team writes without the library, done well. One
// `@WebSocketGateway` on the same namespace and options, a handshake middleware that verifies
// the same HS256 JWT through @nestjs/jwt with a KeyObject built once, the same two rooms per
// socket, an in-memory presence count, a `connected` event, and the same app handlers. The gap
// between this arm and the library is the library's own work.
import 'reflect-metadata';
import { createSecretKey } from 'node:crypto';
import { addAppHandlers, NAMESPACE, serverOptions, tenantRoom, userRoom } from './shared.mjs';

export async function start(config) {
  const { Module } = await import('@nestjs/common');
  const { NestFactory } = await import('@nestjs/core');
  const { WebSocketGateway, WebSocketServer } = await import('@nestjs/websockets');
  const { JwtService } = await import('@nestjs/jwt');

  const jwt = new JwtService({ secret: createSecretKey(Buffer.from(config.secret)), verifyOptions: { algorithms: ['HS256'] } });
  const trackPresence = (config.presence ?? 'memory') !== 'none';
  /** tenantId → userId → open connections. */
  const online = new Map();

  class HandwrittenGateway {
    afterInit(namespace) {
      namespace.use((socket, next) => {
        const token = socket.handshake.auth?.token;
        if (typeof token !== 'string') return next(Object.assign(new Error('Unauthorized'), { data: { code: 'UNAUTHORIZED' } }));
        jwt.verifyAsync(token).then(
          (claims) => {
            if (typeof claims.sub !== 'string' || typeof claims.tenantId !== 'string') throw new Error('claims');
            socket.data.user = { userId: claims.sub, tenantId: claims.tenantId, role: claims.role };
            delete socket.handshake.auth.token;
            next();
          },
          () => next(Object.assign(new Error('Unauthorized'), { data: { code: 'UNAUTHORIZED' } })),
        );
      });
    }

    handleConnection(socket) {
      const { tenantId, userId } = socket.data.user;
      socket.join([tenantRoom(tenantId), userRoom(tenantId, userId)]);
      if (trackPresence) {
        const users = online.get(tenantId) ?? online.set(tenantId, new Map()).get(tenantId);
        users.set(userId, (users.get(userId) ?? 0) + 1);
      }
      socket.emit('connected', { user: socket.data.user });
    }

    handleDisconnect(socket) {
      const user = socket.data.user;
      if (!trackPresence || !user) return;
      const users = online.get(user.tenantId);
      const left = (users?.get(user.userId) ?? 1) - 1;
      if (left > 0) users.set(user.userId, left);
      else users?.delete(user.userId);
    }
  }
  await addAppHandlers(HandwrittenGateway, config);
  Reflect.decorate([WebSocketServer()], HandwrittenGateway.prototype, 'server');
  const Gateway = Reflect.decorate([WebSocketGateway(0, { namespace: NAMESPACE, ...serverOptions() })], HandwrittenGateway);

  class HandwrittenModule {}
  Reflect.decorate([Module({ providers: [Gateway] })], HandwrittenModule);
  const app = await NestFactory.create(HandwrittenModule, { logger: ['error', 'warn'], abortOnError: false });
  await app.listen(0, '127.0.0.1');
  const namespace = app.get(Gateway).server;
  return {
    port: app.getHttpServer().address().port,
    namespace,
    adapterName: namespace.adapter.constructor.name,
    emit: (tenantId, event, data) => namespace.to(tenantRoom(tenantId)).emit(event, data),
    presence: trackPresence ? { count: async (tenantId) => online.get(tenantId)?.size ?? 0 } : undefined,
    close: () => app.close(),
  };
}
