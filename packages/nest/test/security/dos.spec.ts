import { ConnectedSocket, MessageBody, SubscribeMessage } from '@nestjs/websockets';
import { Logger } from '@nestjs/common';
import { IsInt, IsString, MaxLength, Min } from 'class-validator';
import fc from 'fast-check';
import { connect as connectTcp } from 'node:net';
import type { ErrorAck } from '@tenantcast/protocol';
import { REDIS_URL, deleteKeys, nextEvent, requireRedis, sleep, uniquePrefix, waitFor } from '@tenantcast/test-support';
import * as v from 'valibot';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { z } from 'zod';
import { RealtimeGateway, RealtimeService, RealtimeValidationPipe, ValidatedBody, type RealtimeSocket } from '../../src';
import { EventRateLimiter } from '../../src/limits/event-rate-limiter';
import { RATE_LIMIT_LOG_INTERVAL_MS } from '../../src/limits/event-guard';
import { resolveRealtimeOptions } from '../../src/options/resolve-realtime-options';
import { startRealtimeApp } from '../support/apps';
import { connectClient, expectConnectError, request } from '../support/clients';
import { RawEngineClient } from '../support/raw-engine-client';
import { TEST_SECRET, tokenFor } from '../support/tokens';
import { startLoggedApp, withoutProcessFaults, type LoggedApp } from './support';

const SCHEDULING_SLACK = 400;

class CommentDto {
  @IsString() @MaxLength(200) text!: string;
  @IsInt() @Min(0) order!: number;
}

/** Handlers for the flood and validation cases; counts what each one was really handed. */
@RealtimeGateway()
class ProbeGateway {
  static dispatched = 0;
  static validated: unknown[] = [];

  @SubscribeMessage('ping-app')
  ping(@ConnectedSocket() _socket: RealtimeSocket): { ok: true } {
    ProbeGateway.dispatched += 1;
    return { ok: true };
  }

  @SubscribeMessage('comment-dto')
  dto(@MessageBody(new RealtimeValidationPipe()) body: CommentDto): { ok: true } {
    ProbeGateway.validated.push(body);
    return { ok: true };
  }

  @SubscribeMessage('comment-zod')
  zod(@ValidatedBody(z.strictObject({ text: z.string().max(200), order: z.number().int().min(0) })) body: unknown): { ok: true } {
    ProbeGateway.validated.push(body);
    return { ok: true };
  }

  @SubscribeMessage('comment-valibot')
  valibot(@ValidatedBody(v.strictObject({ text: v.pipe(v.string(), v.maxLength(200)), order: v.pipe(v.number(), v.integer(), v.minValue(0)) })) body: unknown): { ok: true } {
    ProbeGateway.validated.push(body);
    return { ok: true };
  }

  @SubscribeMessage('explode')
  explode(): never {
    throw new Error('database password is hunter2');
  }
}

describe('input and DoS (D)', () => {
  const PER_SOCKET = { points: 10, duration: 1 };
  const PER_USER = { points: 15, duration: 1 };
  const DISCONNECT_AFTER_MS = 1_500;
  let server: LoggedApp;

  beforeAll(async () => {
    server = await startLoggedApp(
      { maxPayloadBytes: 2_048, connectTimeout: 500, limits: { rateLimit: { perSocket: PER_SOCKET, perUser: PER_USER, disconnectAfterMs: DISCONNECT_AFTER_MS }, maxConnectionsPerUser: 20, maxConnectionsPerTenant: 60 } },
      { providers: [ProbeGateway] },
    );
  });
  afterAll(() => server.close());

  async function bystanderAnswers(): Promise<number> {
    const { socket } = await connectClient(server.url, '/rca', tokenFor(`bystander-${Math.random()}`, 'bystanders'));
    const started = performance.now();
    expect(await request(socket, 'leave', { kind: 'rca', id: 'x' })).toMatchObject({ ok: true });
    const elapsed = performance.now() - started;
    socket.close();
    return elapsed;
  }

  it('D1 dos.oversize-and-fragments: an oversized message (WebSocket and polling) and endless fragments close only that connection', async () => {
    await withoutProcessFaults(async () => {
      const raw = new RawEngineClient(server.url);
      await raw.opened;
      raw.connectNamespace('/rca', tokenFor('d1-ws', 'acme'));
      await raw.waitForFrame((frame) => frame.startsWith('42/rca,["connected"'));
      raw.send(`42/rca,["ping-app","${'x'.repeat(2_048)}"]`);
      await raw.closed;

      const open = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling`);
      const { sid } = JSON.parse((await open.text()).slice(1)) as { sid: string };
      const oversized = await fetch(`${server.url}/socket.io/?EIO=4&transport=polling&sid=${sid}`, { method: 'POST', body: 'x'.repeat(2_049) });
      expect(oversized.status).toBe(413);

      const fragments = new WebSocket(`${server.url.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
      await new Promise((resolve) => fragments.once('open', resolve));
      const closed = new Promise<number>((resolve) => fragments.once('close', (code) => resolve(code)));
      fragments.on('error', () => undefined);
      for (let index = 0; index < 2_100 && fragments.readyState === WebSocket.OPEN; index += 1) fragments.send('a', { fin: false });
      expect(await closed).toBe(1009);

      const headers = Array.from({ length: 2_000 }, (_, index) => `X-Flood-${index}: v`).join('\r\n');
      const answer = await new Promise<string>((resolve) => {
        const tcp = connectTcp(Number(new URL(server.url).port), '127.0.0.1', () => {
          tcp.write(`GET /socket.io/?EIO=4&transport=websocket HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${headers}\r\n\r\n`);
        });
        let data = '';
        tcp.on('data', (chunk) => (data += chunk.toString()));
        tcp.on('close', () => resolve(data));
        tcp.on('error', () => resolve(data));
      });
      expect(answer).not.toMatch(/^HTTP\/1\.1 101/);
      console.log(`D1: bystander round trip after the oversize attacks ${(await bystanderAnswers()).toFixed(1)} ms`);
    });
  });

  it('D2 dos.malformed-protocol-packets: the parser’s invalid packets close or are ignored, never crash, never reach a handler', async () => {
    await withoutProcessFaults(async () => {
      const before = ProbeGateway.dispatched;
      const frames = ['442["some","data"', '42/rca,["ping-app"', '2["connect"]', '42/rca,[{"toString":"foo"}]', '5', '51.23-', '999', '451-/rca,["ping-app",{"_placeholder":true,"num":"splice"}]', `45${'1'.repeat(3)}-/rca,["ping-app"${',{"_placeholder":true,"num":0}'.repeat(11)}]`, '40/rca,{}', '41/rca,', '4', '', '6', '4x'];
      for (const frame of frames) {
        const raw = new RawEngineClient(server.url);
        await raw.opened;
        raw.connectNamespace('/rca', tokenFor('d2', 'acme'));
        await raw.waitForFrame((received) => received.startsWith('42/rca,["connected"'));
        raw.send(frame);
        await sleep(30);
        raw.close();
      }
      // EVENT before CONNECT.
      const early = new RawEngineClient(server.url);
      await early.opened;
      early.send('42/rca,["ping-app"]');
      await sleep(30);
      early.close();
      expect(ProbeGateway.dispatched).toBe(before);
      await bystanderAnswers();
    });
  });

  it('D2 raw Engine.IO / Socket.IO frames from a grammar and random bytes never crash the process (fast-check)', async () => {
    const frame = fc.oneof(
      fc.tuple(fc.constantFrom('0', '1', '2', '3', '4', '5', '6'), fc.constantFrom('', '0', '1', '2', '3', '4', '5', '6'), fc.constantFrom('', '1-', '12-', 'x-'), fc.constantFrom('', '/rca,', '/,', '/x,'), fc.constantFrom('', '1', '99'), fc.oneof(fc.json(), fc.constant(''), fc.constant('{"_placeholder":true,"num":0}'))).map((parts) => parts.join('')),
      fc.string({ unit: 'binary', maxLength: 40 }),
    );
    await withoutProcessFaults(async () => {
      const raw = new RawEngineClient(server.url);
      await raw.opened;
      raw.connectNamespace('/rca', tokenFor('fuzz', 'acme'));
      await raw.waitForFrame((received) => received.startsWith('42/rca,["connected"'));
      let client = raw;
      await fc.assert(
        fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 5 }), async (batch) => {
          if (client.isClosed) {
            client = new RawEngineClient(server.url);
            await client.opened;
            client.connectNamespace('/rca', tokenFor('fuzz', 'acme'));
          }
          for (const item of batch) if (!client.isClosed) client.send(item);
          await sleep(2);
        }),
        { numRuns: 150 },
      );
      client.close();
      await bystanderAnswers();
    });
  });

  it('D3 dos.event-flood-rate-limit: excess events get RATE_LIMITED and are not dispatched; sustained floods disconnect; logs stay bounded', async () => {
    Logger.overrideLogger(server.logger);
    const { socket } = await connectClient(server.url, '/rca', tokenFor('flooder', 'acme'));
    const before = ProbeGateway.dispatched;
    const acks: Array<{ ok?: boolean; error?: ErrorAck['error'] }> = [];
    const ended = nextEvent<{ code: string }>(socket, 'session-ended', DISCONNECT_AFTER_MS + 3_000);
    const rounds: number[] = [];
    const started = Date.now();
    let sent = 0;
    while (socket.connected && Date.now() - started < DISCONNECT_AFTER_MS + 2_000) {
      for (let burst = 0; burst < 50 && socket.connected; burst += 1) {
        socket.emit('ping-app', {}, (ack: { ok?: boolean; error?: ErrorAck['error'] }) => acks.push(ack));
        sent += 1;
      }
      if (sent % 500 === 0) rounds.push(await bystanderAnswers());
      await sleep(5);
    }
    expect((await ended).code).toBe('RATE_LIMITED');
    const elapsedSeconds = (Date.now() - started) / 1000;
    const dispatched = ProbeGateway.dispatched - before;
    const limited = acks.filter((ack) => ack.error?.code === 'RATE_LIMITED');
    expect(limited.length).toBeGreaterThan(0);
    expect(limited.every((ack) => typeof ack.error?.retryAfterMs === 'number')).toBe(true);
    expect(dispatched).toBeLessThanOrEqual(2 * PER_SOCKET.points + (PER_SOCKET.points / PER_SOCKET.duration) * elapsedSeconds);
    expect(acks.filter((ack) => ack.ok === true)).toHaveLength(dispatched);
    const lines = server.logger.lines.filter((line) => line.includes('Rate limited') && line.includes('flooder'));
    expect(lines.length).toBeLessThanOrEqual(2 + Math.floor((elapsedSeconds * 1000) / RATE_LIMIT_LOG_INTERVAL_MS) + 1);
    console.log(`D3: ${sent} events sent in ${elapsedSeconds.toFixed(1)} s, ${dispatched} dispatched, ${limited.length} RATE_LIMITED; another tenant's round trip during the flood: ${rounds.map((ms) => ms.toFixed(1)).join(', ')} ms`);
  });

  it('D3 the per-user limit holds over several sockets of one user', async () => {
    const tabs = await Promise.all([0, 1, 2].map(() => connectClient(server.url, '/rca', tokenFor('many-tabs', 'acme'))));
    const results = await Promise.all(tabs.flatMap(({ socket }) => Array.from({ length: 8 }, () => request<{ ok?: boolean; error?: { code: string; message: string } }>(socket, 'ping-app', {}))));
    expect(results.filter((result) => result.ok).length).toBeLessThanOrEqual(2 * PER_USER.points);
    expect(results.some((result) => result.error?.message.includes('user limit'))).toBe(true);
    for (const { socket } of tabs) socket.close();
  });

  it('D4 dos.connection-flood: 1,000 Engine.IO sessions that never CONNECT are closed after connectTimeout', async () => {
    const clients = await Promise.all(Array.from({ length: 1_000 }, async () => {
      const client = new RawEngineClient(server.url);
      await client.opened;
      return client;
    }));
    const openedAt = Date.now();
    const closedAt = await Promise.all(clients.map((client) => client.closed));
    // Closing 1,000 sockets takes the event loop a while on a shared machine: twice the usual slack.
    expect(Math.max(...closedAt) - openedAt).toBeLessThanOrEqual(500 + 2 * SCHEDULING_SLACK);
    expect(resolveRealtimeOptions({ auth: { secret: TEST_SECRET } }).connectTimeout).toBe(10_000);
    const defaults = await startRealtimeApp();
    try {
      const engine = defaults.app.get(RealtimeService).namespace.server;
      expect((engine as unknown as { _connectTimeout: number })._connectTimeout).toBe(10_000);
      expect(engine.engine.opts.maxHttpBufferSize).toBe(65_536);
    } finally {
      await defaults.close();
    }
  });

  it('D4 dos.connection-flood: 50 concurrent sockets of one user get 20 through and CONNECTION_LIMIT for the rest; the tenant cap holds too', async () => {
    const attempts = await Promise.allSettled(Array.from({ length: 50 }, () => connectClient(server.url, '/rca', tokenFor('hoarder', 'acme'))));
    const accepted = attempts.filter((attempt) => attempt.status === 'fulfilled');
    const refused = attempts.filter((attempt): attempt is PromiseRejectedResult => attempt.status === 'rejected');
    expect(accepted).toHaveLength(20);
    expect(refused.map((attempt) => (attempt.reason as { data?: { code?: string } }).data?.code)).toEqual(Array(30).fill('CONNECTION_LIMIT'));
    const [first] = accepted as Array<PromiseFulfilledResult<Awaited<ReturnType<typeof connectClient>>>>;
    first!.value.socket.close();
    await waitFor(async () => connectClient(server.url, '/rca', tokenFor('hoarder', 'acme')).then(({ socket }) => (socket.close(), true), () => false), 'a freed slot');
    for (const attempt of accepted as Array<PromiseFulfilledResult<Awaited<ReturnType<typeof connectClient>>>>) attempt.value.socket.close();
    const crowd = await Promise.allSettled(Array.from({ length: 65 }, (_, index) => connectClient(server.url, '/rca', tokenFor(`crowd-${index}`, 'crowded'))));
    expect(crowd.filter((attempt) => attempt.status === 'fulfilled')).toHaveLength(60);
    for (const attempt of crowd) if (attempt.status === 'fulfilled') attempt.value.socket.close();
  });

  it('D5 validation.typed-events: DTOs, zod and valibot refuse bad payloads with INVALID_PAYLOAD and details; handlers never run; the socket stays', async () => {
    const { socket } = await connectClient(server.url, '/rca', tokenFor('validator', 'validation'));
    let deep: unknown = 'x';
    for (let level = 0; level < 100; level += 1) deep = { deep };
    const bad: unknown[] = [
      { text: 42, order: 1 },
      { text: 'hi', order: -1, extra: true },
      { text: 'x'.repeat(201), order: 1 },
      JSON.parse('{"text":"hi","order":1,"__proto__":{"admin":true}}'),
      { text: Buffer.from('hi'), order: 1 },
      deep,
      'not an object',
      null,
    ];
    for (const event of ['comment-dto', 'comment-zod', 'comment-valibot']) {
      for (const payload of bad) {
        await sleep(110);
        const ack = await request<ErrorAck>(socket, event, payload);
        expect(ack, `${event} ${JSON.stringify(payload)?.slice(0, 60)}`).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', details: expect.any(Array) } });
        expect(ack.error.details!.length).toBeGreaterThan(0);
      }
      await sleep(110);
      expect(await request(socket, event, { text: 'fine', order: 1 })).toEqual({ ok: true });
    }
    expect(ProbeGateway.validated).toHaveLength(3);
    expect(ProbeGateway.validated[0]).toBeInstanceOf(CommentDto);
    expect(socket.connected).toBe(true);
    socket.close();
  });

  it('D5 an exception in an application handler is an INTERNAL acknowledgement without a stack, and the socket stays connected', async () => {
    Logger.overrideLogger(server.logger);
    const { socket } = await connectClient(server.url, '/rca', tokenFor('exploder', 'validation'));
    const ack = await request<ErrorAck>(socket, 'explode', {});
    expect(ack).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'The server failed to handle the request; try again.' } });
    expect(JSON.stringify(ack)).not.toContain('hunter2');
    expect(server.logger.entries.some((entry) => entry.level === 'error' && entry.line.includes('hunter2'))).toBe(true);
    expect(await request(socket, 'leave', { kind: 'rca', id: 'x' })).toMatchObject({ ok: true });
    socket.close();
  });
});

describe('D3 rate limits shared through Redis hold across processes', () => {
  it('two apps with a Redis store give one user the per-user budget, not twice it', async () => {
    await requireRedis();
    const prefix = uniquePrefix('d3-redis');
    const options = { limits: { rateLimit: { perSocket: { points: 100, duration: 1 }, perUser: { points: 10, duration: 5 } }, store: { redis: REDIS_URL, keyPrefix: prefix } } };
    const first = await startRealtimeApp(options);
    const second = await startRealtimeApp(options);
    try {
      const a = await connectClient(first.url, '/rca', tokenFor('roamer', 'acme'));
      const b = await connectClient(second.url, '/rca', tokenFor('roamer', 'acme'));
      const results = await Promise.all([a, b].flatMap(({ socket }) => Array.from({ length: 10 }, () => request<{ ok?: boolean }>(socket, 'leave', { kind: 'rca', id: 'x' }))));
      expect(results.filter((result) => result.ok)).toHaveLength(10);
      a.socket.close();
      b.socket.close();
    } finally {
      await first.close();
      await second.close();
      await deleteKeys(prefix);
    }
  });

  it('D4 connection caps with a Redis store hold across processes', async () => {
    await requireRedis();
    const prefix = uniquePrefix('d4-redis');
    const options = { limits: { maxConnectionsPerUser: 3, store: { redis: REDIS_URL, keyPrefix: prefix } } };
    const first = await startRealtimeApp(options);
    const second = await startRealtimeApp(options);
    try {
      const held = [await connectClient(first.url, '/rca', tokenFor('spread', 'acme')), await connectClient(second.url, '/rca', tokenFor('spread', 'acme')), await connectClient(first.url, '/rca', tokenFor('spread', 'acme'))];
      expect((await expectConnectError(second.url, '/rca', tokenFor('spread', 'acme'))).data?.code).toBe('CONNECTION_LIMIT');
      held[0]!.socket.close();
      await waitFor(async () => connectClient(second.url, '/rca', tokenFor('spread', 'acme')).then(({ socket }) => (held.push({ socket } as never), true), () => false), 'a slot freed on the other process');
      for (const { socket } of held) socket.close();
    } finally {
      await first.close();
      await second.close();
      await deleteKeys(prefix);
    }
  });
});

describe('D3 the rate limiter never dispatches more than 2 × points + rate × window (fast-check)', () => {
  it('holds for any arrival sequence, for the socket and the user limits', async () => {
    vi.useFakeTimers();
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.record({ points: fc.integer({ min: 1, max: 20 }), duration: fc.integer({ min: 1, max: 3 }) }),
          fc.array(fc.integer({ min: 0, max: 400 }), { minLength: 1, maxLength: 300 }),
          async (rule, gaps) => {
            const limiter = new EventRateLimiter({ perSocket: rule, perUser: { points: rule.points * 2, duration: rule.duration }, perTenant: undefined, disconnectAfterMs: 1 });
            const dispatched: number[] = [];
            const user = { userId: 'u', tenantId: 't' };
            for (const gap of gaps) {
              vi.advanceTimersByTime(gap);
              if ((await limiter.consume('s', user)).allowed) dispatched.push(Date.now());
            }
            for (let i = 0; i < dispatched.length; i += 1) {
              for (let j = i; j < dispatched.length; j += 1) {
                const window = (dispatched[j]! - dispatched[i]!) / 1000;
                expect(j - i + 1).toBeLessThanOrEqual(2 * rule.points + (rule.points / rule.duration) * window);
              }
            }
          },
        ),
        { numRuns: 200 },
      );
    } finally {
      vi.useRealTimers();
    }
  });
});
