import 'reflect-metadata';
import { Module, type INestApplication } from '@nestjs/common';
import { ApplicationConfig, NestFactory } from '@nestjs/core';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { Ack, ConnectedSocket, MessageBody, SubscribeMessage, WsException } from '@nestjs/websockets';
import { nextEvent } from '@tenantcast/test-support';
import { of } from 'rxjs';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealtimeGateway, RealtimeIoAdapter, RealtimeModule, type RealtimeSocket } from '../src';
import { connectClient, request } from './support/clients';
import { testOptions } from './support/apps';
import { tokenFor } from './support/tokens';

@RealtimeGateway()
class ProbeGateway {
  @SubscribeMessage('echo')
  echo(@MessageBody() data: unknown) {
    return { echoed: data };
  }

  @SubscribeMessage('as-event')
  asEvent(@MessageBody() data: unknown) {
    return { event: 'replied', data: { to: data } };
  }

  @SubscribeMessage('manual')
  manual(@MessageBody() data: unknown, @Ack() ack: (value: unknown) => void) {
    ack(`manual:${String(data)}`);
    return 'ignored';
  }

  @SubscribeMessage('later')
  async later(@MessageBody() data: number) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    return data * 2;
  }

  @SubscribeMessage('stream')
  stream() {
    return of('first', 'second');
  }

  @SubscribeMessage('who')
  who(@ConnectedSocket() socket: RealtimeSocket) {
    return socket.data.user.userId;
  }

  @SubscribeMessage('fails')
  fails(): never {
    throw new WsException('nope');
  }

  @SubscribeMessage('silent')
  silent(): undefined {
    return undefined;
  }
}

const adapters = [
  ["Nest's IoAdapter", (app: INestApplication) => new IoAdapter(app)],
  ['RealtimeIoAdapter', (app: INestApplication) => new RealtimeIoAdapter(app)],
] as const;

describe.each(adapters)('@SubscribeMessage handlers under %s', (_name, makeAdapter) => {
  let app: INestApplication;
  let url: string;
  let socket: Socket;

  beforeAll(async () => {
    @Module({ imports: [RealtimeModule.forRoot(testOptions())], providers: [ProbeGateway] })
    class ProbeModule {}
    app = await NestFactory.create(ProbeModule, { logger: false, abortOnError: false });
    app.useWebSocketAdapter(makeAdapter(app));
    await app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    socket = (await connectClient(url, '/rca', tokenFor('alice', 'acme'))).socket;
  });
  afterAll(async () => {
    socket?.close();
    await app?.close();
  });

  it('acknowledges with the handler’s result, sync or async, and passes the socket', async () => {
    expect(await request(socket, 'echo', { n: 1 })).toEqual({ echoed: { n: 1 } });
    expect(await request(socket, 'later', 21)).toBe(42);
    expect(await request(socket, 'who', {})).toBe('alice');
  });

  it('emits { event, data } results back to the socket', async () => {
    const replied = nextEvent(socket, 'replied');
    socket.emit('as-event', 'x');
    expect(await replied).toEqual({ to: 'x' });
  });

  it('leaves the acknowledgement to a handler that took it with @Ack()', async () => {
    expect(await request(socket, 'manual', 'y')).toBe('manual:y');
  });

  it('acknowledges once with the first value of an observable result', async () => {
    expect(await request(socket, 'stream', {})).toBe('first');
  });

  it('hands several arguments before the acknowledgement over as an array', async () => {
    expect(await request(socket, 'echo', 'a', 'b')).toEqual({ echoed: ['a', 'b'] });
  });

  it('turns a thrown WsException into the library filter’s refusal, and keeps handling events', async () => {
    expect(await request(socket, 'fails', {})).toMatchObject({ ok: false, error: { code: expect.any(String) } });
    expect(await request(socket, 'echo', 2)).toEqual({ echoed: 2 });
  });

  it('runs the socket’s middlewares first: an event the module’s guard refuses never reaches the handler', async () => {
    const hostile = JSON.parse('{"__proto__":{"admin":true}}') as unknown;
    expect(await request(socket, 'echo', hostile)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('sends no acknowledgement for an undefined result', async () => {
    await expect(socket.timeout(300).emitWithAck('silent', {})).rejects.toThrow(/timed out/);
  });
});

describe('which WebSocket adapter the app ends up with', () => {
  async function adapterOf(options: Parameters<typeof testOptions>[0], own?: (app: INestApplication) => IoAdapter): Promise<{ adapter: unknown; works: boolean }> {
    @Module({ imports: [RealtimeModule.forRoot(testOptions(options))], providers: [ProbeGateway] })
    class AdapterModule {}
    const app = await NestFactory.create(AdapterModule, { logger: false, abortOnError: false });
    if (own) app.useWebSocketAdapter(own(app));
    await app.listen(0, '127.0.0.1');
    try {
      const url = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
      const { socket } = await connectClient(url, '/rca', tokenFor('alice', 'acme'));
      const works = (await request(socket, 'echo', 1).catch(() => undefined)) !== undefined;
      socket.close();
      return { adapter: app.get(ApplicationConfig).getIoAdapter(), works };
    } finally {
      await app.close();
    }
  }

  it('is RealtimeIoAdapter when the app set none, serving the app’s own HTTP server', async () => {
    const { adapter, works } = await adapterOf({});
    expect(adapter).toBeInstanceOf(RealtimeIoAdapter);
    expect(works).toBe(true);
  });

  it('is the app’s own when it set one, and Nest’s IoAdapter with installIoAdapter: false', async () => {
    const own = await adapterOf({}, (app) => new IoAdapter(app));
    expect(own.adapter).toBeInstanceOf(IoAdapter);
    expect(own.adapter).not.toBeInstanceOf(RealtimeIoAdapter);
    expect(own.works).toBe(true);
    const nest = await adapterOf({ installIoAdapter: false });
    expect(nest.adapter).toBeInstanceOf(IoAdapter);
    expect(nest.adapter).not.toBeInstanceOf(RealtimeIoAdapter);
    expect(nest.works).toBe(true);
  });
});
