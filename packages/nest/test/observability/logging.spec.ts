import { Logger, Module, type INestApplication, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { JoinAck } from '@tenantcast/protocol';
import { waitFor } from '@tenantcast/test-support';
import { WinstonModule } from 'nest-winston';
import { LoggerModule, Logger as PinoLogger } from 'nestjs-pino';
import { Writable } from 'node:stream';
import { io } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { format, transports } from 'winston';
import { RealtimeModule, RealtimeService, type RealtimeModuleOptions } from '../../src';
import { testOptions } from '../support/apps';
import type { LogEntry } from '../support/capturing-logger';
import { connectClient, expectConnectError, request } from '../support/clients';
import { RawEngineClient } from '../support/raw-engine-client';
import { tokenFor } from '../support/tokens';
import { startLoggedApp, tokenPieces, type LoggedApp } from '../security/support';

const PING_INTERVAL = 300;
const PING_TIMEOUT = 200;
const SOCKET_ID = '[A-Za-z0-9_-]{20}';

/** The messages of the captured entries of `level` that match `pattern`. */
function matching(entries: LogEntry[], level: LogEntry['level'], pattern: RegExp): string[] {
  return entries.filter((entry) => entry.level === level && typeof entry.message === 'string' && pattern.test(entry.message)).map((entry) => entry.message as string);
}

/** Every captured message that is a string. */
function messages(entries: LogEntry[]): string[] {
  return entries.flatMap((entry) => (typeof entry.message === 'string' ? [entry.message] : []));
}

describe('connection lifecycle lines (text, the default)', () => {
  let server: LoggedApp;

  beforeAll(async () => {
    server = await startLoggedApp({
      pingInterval: PING_INTERVAL,
      pingTimeout: PING_TIMEOUT,
      rooms: { rca: { authorize: (_user, id) => id !== 'secret' } },
      limits: { maxConnectionsPerUser: 1 },
    });
  });
  afterEach(() => Logger.overrideLogger(server.logger));
  afterAll(() => server.close());

  it('writes one line per connect, refusal, join, join refusal, leave and disconnect, each naming socket, tenant, user and transport', async () => {
    Logger.overrideLogger(server.logger);
    const { socket } = await connectClient(server.url, '/rca', tokenFor('alice', 'acme'));
    const id = socket.id!;
    expect(await request<JoinAck>(socket, 'join', { kind: 'rca', id: '42' })).toMatchObject({ ok: true });
    expect(await request<JoinAck>(socket, 'join', { kind: 'rca', id: 'secret' })).toMatchObject({ ok: false });
    await request(socket, 'leave', { kind: 'rca', id: '42' });
    await expectConnectError(server.url, '/rca', undefined);
    await expectConnectError(server.url, '/rca', tokenFor('alice', 'acme'));
    socket.close();
    const identity = `socket=${id} tenant=acme user=alice transport=websocket`;
    await waitFor(() => messages(server.logger.entries).includes(`Disconnected ${identity} reason="client namespace disconnect"`), 'the disconnect line');

    const { entries } = server.logger;
    expect(matching(entries, 'log', /^Connected /)).toContain(`Connected ${identity}`);
    expect(matching(entries, 'log', /^Joined /)).toContain(`Joined ${identity} room=tenant:acme:rca:42`);
    expect(matching(entries, 'warn', /^Refused join /)).toContain(`Refused join ${identity} code=FORBIDDEN: You may not join rca secret.`);
    expect(matching(entries, 'log', /^Left /)).toContain(`Left ${identity} room=tenant:acme:rca:42`);
    const refusals = matching(entries, 'warn', /^Refused handshake /);
    expect(refusals).toContainEqual(
      expect.stringMatching(new RegExp(`^Refused handshake socket=${SOCKET_ID} transport=websocket address=127\\.0\\.0\\.1 namespace=/rca code=UNAUTHORIZED reason="no token in auth\\.token or Authorization header"$`)),
    );
    // The token of a capped connection was verified: its line names the user.
    expect(refusals).toContainEqual(
      expect.stringMatching(new RegExp(`^Refused handshake socket=${SOCKET_ID} tenant=acme user=alice transport=websocket address=127\\.0\\.0\\.1 namespace=/rca code=CONNECTION_LIMIT reason="connection cap reached \\(1 per user\\)"$`)),
    );
  });

  it('logs pongs at debug, a ping timeout at warn, and an upgrade from polling to WebSocket at debug', async () => {
    Logger.overrideLogger(server.logger);
    const { socket } = await connectClient(server.url, '/rca', tokenFor('pinger', 'acme'));
    await waitFor(() => matching(server.logger.entries, 'debug', new RegExp(`^Pong socket=${socket.id} tenant=acme user=pinger transport=websocket$`)).length >= 2, 'two pong lines');
    socket.close();

    const frozen = new RawEngineClient(server.url);
    await frozen.opened;
    frozen.connectNamespace('/rca', tokenFor('frozen', 'acme'));
    await frozen.waitForFrame((frame) => frame.startsWith('42/rca,["connected"'));
    frozen.answerPings = false;
    await frozen.closed;
    await waitFor(() => matching(server.logger.entries, 'warn', new RegExp(`^Disconnected socket=${SOCKET_ID} tenant=acme user=frozen transport=websocket reason="ping timeout"$`)).length === 1, 'the ping timeout line');

    const upgrading = io(`${server.url}/rca`, { auth: { token: tokenFor('upgrader', 'acme') }, transports: ['polling', 'websocket'], forceNew: true, reconnection: false });
    try {
      await new Promise<void>((resolve) => upgrading.io.engine.once('upgrade', () => resolve()));
      await waitFor(() => matching(server.logger.entries, 'debug', /^Upgraded socket=\S+ tenant=acme user=upgrader transport=websocket from=polling$/).length === 1, 'the upgrade line');
      expect(matching(server.logger.entries, 'log', /^Connected socket=\S+ tenant=acme user=upgrader transport=polling$/)).toHaveLength(1);
    } finally {
      upgrading.close();
    }
  });
});

describe('configurable levels', () => {
  it('writes each line at its configured level, leaves out lines set to false, and installs no pong listener without pong lines', async () => {
    const quiet = await startLoggedApp({ pingInterval: PING_INTERVAL, pingTimeout: PING_TIMEOUT, logging: { levels: { connected: 'verbose', joined: false, pong: false } } });
    try {
      const { socket } = await connectClient(quiet.url, '/rca', tokenFor('quiet', 'acme'));
      await request(socket, 'join', { kind: 'rca', id: '1' });
      const conn = quiet.app.get(RealtimeService).namespace.sockets.get(socket.id!)!.conn;
      expect(conn.listenerCount('heartbeat')).toBe(0);
      await new Promise((resolve) => setTimeout(resolve, PING_INTERVAL * 2));
      expect(messages(quiet.logger.entries).filter((line) => line.startsWith('Pong') || line.startsWith('Joined'))).toEqual([]);
      expect(matching(quiet.logger.entries, 'verbose', /^Connected socket=\S+ tenant=acme user=quiet transport=websocket$/)).toHaveLength(1);
      socket.close();
    } finally {
      await quiet.close();
    }
  });

  it('has one pong listener per connection with pong lines on, whatever the number of events', async () => {
    const server = await startLoggedApp({});
    try {
      const { socket } = await connectClient(server.url, '/rca', tokenFor('counted', 'acme'));
      const conn = server.app.get(RealtimeService).namespace.sockets.get(socket.id!)!.conn;
      expect(conn.listenerCount('heartbeat')).toBe(1);
      socket.close();
    } finally {
      await server.close();
    }
  });
});

/** Collects every line a logger writes to it. */
class LineSink extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.lines.push(...chunk.toString().split('\n').filter((line) => line.length > 0));
    done();
  }
  records(): Array<Record<string, unknown>> {
    return this.lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  }
}

async function bootWith(imports: unknown[], logger: LoggerService | undefined, pinoLogger: boolean): Promise<{ app: INestApplication; url: string }> {
  @Module({ imports: imports as never[] })
  class StructuredAppModule {}
  const app = await NestFactory.create(StructuredAppModule, { bufferLogs: pinoLogger, abortOnError: false, ...(logger ? { logger } : {}) });
  if (pinoLogger) app.useLogger(app.get(PinoLogger));
  await app.listen(0, '127.0.0.1');
  return { app, url: `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}` };
}

async function traffic(url: string): Promise<string[]> {
  const token = tokenFor('alice', 'acme');
  const { socket } = await connectClient(url, '/rca', token);
  await request(socket, 'join', { kind: 'rca', id: '42' });
  const bad = `${token.slice(0, -4)}AAAA`;
  await expectConnectError(url, '/rca', bad);
  socket.close();
  return [token, bad];
}

const objectLogs = (options: Partial<RealtimeModuleOptions>) => RealtimeModule.forRoot(testOptions({ logging: { format: 'object', ...options.logging } }));

describe('structured lines with a JSON logger', () => {
  afterEach(() => Logger.overrideLogger(false));

  // One nestjs-pino app per process: its LoggerModule keeps the root logger of the first app it serves.
  it('hands nestjs-pino objects whose fields pino writes as fields, with msg, the Nest context, client values cut and escaped, and no token', async () => {
    const sink = new LineSink();
    const { app, url } = await bootWith([LoggerModule.forRoot({ pinoHttp: [{ level: 'debug' }, sink] }), objectLogs({})], undefined, true);
    try {
      const tokens = await traffic(url);
      await waitFor(() => sink.records().some((record) => record.event === 'disconnected'), 'the disconnect record');
      const records = sink.records().filter((record) => record.context === 'Realtime' && typeof record.event === 'string');
      const connected = records.find((record) => record.event === 'connected');
      expect(connected).toMatchObject({ level: 30, msg: 'Connected', tenantId: 'acme', userId: 'alice', transport: 'websocket' });
      expect(connected?.socketId).toMatch(new RegExp(`^${SOCKET_ID}$`));
      expect(records.find((record) => record.event === 'joined')).toMatchObject({ msg: 'Joined', room: 'tenant:acme:rca:42', socketId: connected?.socketId });
      expect(records.find((record) => record.event === 'refused')).toMatchObject({ level: 40, msg: 'Refused handshake', code: 'UNAUTHORIZED', namespace: '/rca', transport: 'websocket' });
      expect(records.find((record) => record.event === 'disconnected')).toMatchObject({ msg: 'Disconnected', reason: 'client namespace disconnect', userId: 'alice' });
      for (const token of tokens) for (const piece of tokenPieces(token)) expect(sink.lines.filter((line) => line.includes(piece))).toEqual([]);

      const { socket } = await connectClient(url, '/rca', tokenFor('forger', 'acme'));
      await request(socket, 'join', { kind: '\u202eevil\u001b[31m', id: '1' });
      socket.close();
      const refusal = sink.records().find((record) => record.event === 'joinRefused');
      expect(refusal).toMatchObject({ code: 'INVALID_ROOM', userId: 'forger' });
      expect(JSON.stringify(refusal)).not.toMatch(/[\u202e\u001b]/);
    } finally {
      await app.close();
    }
  });

  it('hands nest-winston objects with the message under `message`', async () => {
    const sink = new LineSink();
    const logger = WinstonModule.createLogger({ level: 'debug', transports: [new transports.Stream({ stream: sink, format: format.json() })] });
    const { app, url } = await bootWith([objectLogs({ logging: { messageKey: 'message' } })], logger, false);
    try {
      await traffic(url);
      await waitFor(() => sink.records().some((record) => record.event === 'disconnected'), 'the disconnect record');
      const connected = sink.records().find((record) => record.event === 'connected');
      expect(connected).toMatchObject({ level: 'info', message: 'Connected', context: 'Realtime', tenantId: 'acme', userId: 'alice', transport: 'websocket' });
      expect(connected).not.toHaveProperty('msg');
      expect(sink.records().find((record) => record.event === 'refused')).toMatchObject({ level: 'warn', message: 'Refused handshake', code: 'UNAUTHORIZED' });
    } finally {
      await app.close();
    }
  });
});
