import type { Envelope } from '@tenantcast/protocol';
import type { JsonValue, RcaServerEvents, RcaSummary } from 'nest-rca/contract';
import type { Identity } from '../session/identity';
import { ApiError } from './api-error';

type EnvelopeOf<K extends keyof RcaServerEvents> = Envelope<RcaServerEvents[K], K>;

/** Calls the backend's HTTP API on this page's own origin; rejects with an {@link ApiError}. */
async function call<T>(method: 'GET' | 'POST', path: string, options: { token?: string; body?: JsonValue | Identity }, what: string): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  } catch (error) {
    throw ApiError.unreachable(what, error);
  }
  if (!response.ok) throw await ApiError.fromResponse(response, what);
  return (await response.json()) as T;
}

/** A token for `identity` from the demo's stand-in login (`DEMO_AUTH=true`). */
export async function fetchDevToken(identity: Identity): Promise<string> {
  return (await call<{ token: string }>('POST', '/auth/dev-token', { body: identity }, 'Signing in')).token;
}

/** The tenant's RCAs the user may see. */
export async function listRcas(token: string): Promise<RcaSummary[]> {
  return (await call<{ rcas: RcaSummary[] }>('GET', '/rcas', { token }, 'Loading the RCA list')).rcas;
}

/** Posts an update to the RCA's room (a known `status` also moves the RCA). */
export function postUpdate(token: string, rcaId: string, update: { [key: string]: JsonValue }): Promise<EnvelopeOf<'rca-updated'>> {
  return call('POST', `/rcas/${encodeURIComponent(rcaId)}/updates`, { token, body: update }, 'Posting the update');
}

/** Posts a comment to the RCA's room. */
export function postComment(token: string, rcaId: string, text: string): Promise<EnvelopeOf<'comment-added'>> {
  return call('POST', `/rcas/${encodeURIComponent(rcaId)}/comments`, { token, body: { text } }, 'Posting the comment');
}

/** Sends a notification to every tab of a user of the tenant. */
export function notifyUser(token: string, userId: string, notification: { [key: string]: JsonValue }): Promise<EnvelopeOf<'notification'>> {
  return call('POST', `/users/${encodeURIComponent(userId)}/notifications`, { token, body: notification }, 'Sending the notification');
}

/** Announces something to every connection of the tenant. */
export function announce(token: string, announcement: { [key: string]: JsonValue }): Promise<EnvelopeOf<'announcement'>> {
  return call('POST', '/tenant/broadcasts', { token, body: announcement }, 'Sending the announcement');
}
