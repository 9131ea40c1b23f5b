import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAX_COMMENT_LENGTH } from '../src/contract';
import { startApp, type RunningApp } from './support/app';
import { closeAll, collect, connect, joinRca, settle, type RcaSocket, type Received } from './support/clients';
import { api } from './support/http';
import { DEMO_ENV, tokenFor } from './support/tokens';
import { nextEvent } from '@tenantcast/test-support';

describe('comments on an RCA', () => {
  let server: RunningApp;

  beforeAll(async () => {
    server = await startApp(DEMO_ENV);
  });
  afterEach(closeAll);
  afterAll(() => server.close());

  const inRoom = async (userId: string, tenantId: string, rcaId: string): Promise<RcaSocket> => {
    const { socket } = await connect(`${server.url}/rca`, tokenFor(userId, tenantId));
    await joinRca(socket, rcaId);
    return socket;
  };

  it('POST /rcas/:id/comments sends comment-added to the RCA’s room only, with the author from the token', async () => {
    const [reader, otherRca, otherTenant] = [await inRoom('bob', 'acme', '42'), await inRoom('dan', 'acme', '17'), await inRoom('bob', 'globex', '42')];
    const delivered = nextEvent<Received<'comment-added'>>(reader, 'comment-added');
    const strays = [otherRca, otherTenant].map((socket) => collect(socket, 'comment-added'));

    const response = await api<Received<'comment-added'>>(server.url, 'POST', '/rcas/42/comments', { token: tokenFor('alice', 'acme'), body: { text: '  Seal worn on the pump  ', author: 'mallory' } });

    expect(response.status).toBe(202);
    expect(await delivered).toEqual({
      id: response.body.id,
      type: 'comment-added',
      data: { rcaId: '42', commentId: expect.any(String), text: 'Seal worn on the pump', author: 'alice' },
      timestamp: expect.any(Number),
      metadata: { tenantId: 'acme', room: 'tenant:acme:rca:42', kind: 'rca', resourceId: '42' },
    });
    await settle(otherRca, otherTenant);
    expect(strays).toEqual([[], []]);
  });

  const badBodies: Array<[string, unknown, RegExp]> = [
    ['no body', undefined, /text must be a non-empty string/],
    ['an array body', ['hello'], /text must be a non-empty string/],
    ['blank text', { text: '   ' }, /text must be a non-empty string/],
    ['numeric text', { text: 42 }, /text must be a non-empty string/],
    ['text over the limit', { text: 'x'.repeat(MAX_COMMENT_LENGTH + 1) }, new RegExp(`at most ${MAX_COMMENT_LENGTH} characters, got ${MAX_COMMENT_LENGTH + 1}`)],
  ];
  for (const [label, body, problem] of badBodies) {
    it(`refuses ${label} with 400 INVALID_PAYLOAD naming the expected body, and sends nothing`, async () => {
      const reader = await inRoom('bob', 'acme', '42');
      const received = collect(reader, 'comment-added');
      const response = await api<{ code: string; message: string }>(server.url, 'POST', '/rcas/42/comments', { token: tokenFor('alice', 'acme'), body });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ statusCode: 400, code: 'INVALID_PAYLOAD', message: expect.stringMatching(problem) });
      expect(response.body.message).toContain('Send JSON { "text": "Found the root cause" }');
      await settle(reader);
      expect(received).toEqual([]);
    });
  }

  it('refuses a viewer (read-only, 403 FORBIDDEN), a bad id (400 INVALID_ROOM) and no token (401)', async () => {
    const body = { text: 'hello' };
    expect(await api(server.url, 'POST', '/rcas/42/comments', { token: tokenFor('vera', 'acme', { role: 'viewer', rcaIds: ['42'] }), body })).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect(await api(server.url, 'POST', `/rcas/${encodeURIComponent('a:b')}/comments`, { token: tokenFor('alice', 'acme'), body })).toMatchObject({ status: 400, body: { code: 'INVALID_ROOM' } });
    expect(await api(server.url, 'POST', '/rcas/42/comments', { body })).toMatchObject({ status: 401, body: { code: 'UNAUTHORIZED' } });
  });
});
