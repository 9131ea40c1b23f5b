// #region test
import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Test } from '@nestjs/testing';
import { createRealtimeClient, type RealtimeClient } from '@tenantcast/client';
import { RealtimeModule, RealtimeService, type Envelope } from '@tenantcast/nest';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RcaClientEvents, RcaServerEvents } from '@acme/rca-contract';
import { RcaGateway } from './rca.gateway';

const SECRET = 'a-test-secret-of-at-least-32-bytes!';
const jwt = new JwtService({ secret: SECRET });

describe('RcaGateway', () => {
  let app: INestApplication;
  let url: string;
  const clients: RealtimeClient<RcaServerEvents, RcaClientEvents>[] = [];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        RealtimeModule.forRoot({
          namespace: '/rca',
          auth: { secret: SECRET },
          rooms: { rca: { authorize: (user, rcaId) => rcaId === '42' || user.role === 'admin' } },
          health: false,
        }),
      ],
      providers: [RcaGateway],
    }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.listen(0, '127.0.0.1'); // a free port: tests can run side by side
    url = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterEach(() => clients.splice(0).forEach((client) => client.close()));
  afterAll(() => app.close());

  /** A real client, connected as `userId` of `tenantId` with a freshly signed token. */
  async function connectAs(userId: string, tenantId: string) {
    const token = await jwt.signAsync({ sub: userId, tenantId }, { expiresIn: '5m' });
    const client = createRealtimeClient<RcaServerEvents, RcaClientEvents>({ url, namespace: '/rca', token, transports: ['websocket'], reconnection: false });
    clients.push(client);
    await new Promise<void>((resolve, reject) => {
      const check = () => {
        const status = client.status.getSnapshot();
        if (status.type === 'connected') resolve();
        if (status.type === 'unauthorized' || status.type === 'offline') reject(status.lastError);
      };
      client.status.subscribe(check);
      check();
    });
    return client;
  }

  it('joins an RCA the user may view, in the room of the token’s tenant', async () => {
    const alice = await connectAs('alice', 'acme');
    await expect(alice.request('join-rca', '42')).resolves.toMatchObject({ ok: true, room: 'tenant:acme:rca:42' });
  });

  it('refuses an RCA that authorize denies', async () => {
    const alice = await connectAs('alice', 'acme');
    // A refused acknowledgement rejects, with the protocol's code.
    await expect(alice.request('join-rca', '7')).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('delivers an emit to the room, and to no other tenant', async () => {
    const alice = await connectAs('alice', 'acme');
    const carol = await connectAs('carol', 'globex');
    await alice.request('join-rca', '42');
    await carol.request('join-rca', '42');
    const carolReceived: unknown[] = [];
    carol.on('rca-updated', (envelope) => carolReceived.push(envelope));
    const received = new Promise<Envelope<RcaServerEvents['rca-updated']>>((resolve) => alice.once('rca-updated', resolve));

    app.get<RealtimeService<RcaServerEvents>>(RealtimeService).emitToRoom('acme', 'rca', '42', 'rca-updated', { rcaId: '42', status: 'closed', updatedBy: 'bob' });

    expect((await received).data).toEqual({ rcaId: '42', status: 'closed', updatedBy: 'bob' });
    // Carol's room is tenant:globex:rca:42: a round trip later, she still has nothing.
    await carol.request('join-rca', '42');
    expect(carolReceived).toEqual([]);
  });
});
// #endregion test
