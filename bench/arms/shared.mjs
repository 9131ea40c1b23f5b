// What the three arms share, so that they differ only in what is measured: the namespace, the
// Socket.IO options (the library's resolved defaults with WebSocket only), the room names, and
// the application's own handlers (the "realistic gateway" of B2 and the RPC of B5).

/** The namespace every arm serves. */
export const NAMESPACE = '/rca';

/** Room names as the protocol builds them (`tenant:{t}`, `tenant:{t}:user:{u}`). */
export const tenantRoom = (tenantId) => `tenant:${tenantId}`;
export const userRoom = (tenantId, userId) => `tenant:${tenantId}:user:${userId}`;

/**
 * The Socket.IO server options the library resolves by default, with `transports: ['websocket']`
 * as every bench arm uses; the bare and hand-written arms pass exactly these.
 */
export function serverOptions() {
  return {
    transports: ['websocket'],
    allowUpgrades: true,
    perMessageDeflate: false,
    allowEIO3: false,
    pingInterval: 25_000,
    pingTimeout: 20_000,
    maxHttpBufferSize: 65_536,
    connectTimeout: 10_000,
  };
}

/** The options the library module is given in every library arm (besides presence and adapter). */
export function libraryModuleOptions(secret) {
  return { namespace: NAMESPACE, auth: { secret }, transports: ['websocket'], rooms: { rca: {} }, health: false };
}

/** Names of the `handlers` idle message handlers of the realistic gateway (B2). */
export function idleHandlerNames(count) {
  return Array.from({ length: count }, (_, index) => `app-event-${index}`);
}

/** What the RPC handler answers, in every arm. */
export function rpcAnswer(body) {
  return { ok: true, n: body?.n };
}

/**
 * Adds the application's handlers to a Nest gateway class, with decorators applied the way
 * TypeScript emits them (`Reflect.decorate`), so the bench needs no compile step:
 * - `handlers` idle `@SubscribeMessage` methods (B2's realistic gateway);
 * - with `rpc`, an `rpc` method behind a guard and a `ValidationPipe` over a class-validator DTO,
 *   answering through the acknowledgement (B5).
 */
export async function addAppHandlers(Gateway, { handlers = 0, rpc = false }) {
  const { SubscribeMessage, MessageBody, WsException } = await import('@nestjs/websockets');
  const { UseGuards, UsePipes, ValidationPipe, Injectable } = await import('@nestjs/common');
  for (const name of idleHandlerNames(handlers)) {
    Gateway.prototype[name] = function idle(body) {
      return body === undefined ? undefined : { ok: true };
    };
    Reflect.decorate([SubscribeMessage(name)], Gateway.prototype, name, Object.getOwnPropertyDescriptor(Gateway.prototype, name));
  }
  if (!rpc) return;
  const { IsInt, IsString, MaxLength, Min } = await import('class-validator');
  class RpcRequest {}
  Reflect.decorate([IsInt(), Min(0)], RpcRequest.prototype, 'n');
  Reflect.decorate([IsString(), MaxLength(200)], RpcRequest.prototype, 'text');
  class AuthenticatedGuard {
    canActivate(context) {
      return typeof context.switchToWs().getClient().data?.user?.tenantId === 'string';
    }
  }
  Reflect.decorate([Injectable()], AuthenticatedGuard);
  Gateway.prototype.rpc = function rpcHandler(body) {
    return rpcAnswer(body);
  };
  const pipe = new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, exceptionFactory: (errors) => new WsException(errors) });
  Reflect.decorate(
    [
      SubscribeMessage('rpc'),
      UseGuards(AuthenticatedGuard),
      UsePipes(pipe),
      (target, key) => MessageBody()(target, key, 0),
      Reflect.metadata('design:paramtypes', [RpcRequest]),
    ],
    Gateway.prototype,
    'rpc',
    Object.getOwnPropertyDescriptor(Gateway.prototype, 'rpc'),
  );
}
