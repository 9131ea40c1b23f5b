import type { PresenceMember } from '@tenantcast/protocol';
import { parseRoomMember } from './presence-keys';
import type { PresenceRoomRef } from './presence-store.interface';

/*
 * Turns the replies of the presence Lua scripts (see presence-lua-scripts.ts) into typed values.
 * A reply of the wrong shape means the keys were written by something else; it is reported as an
 * error rather than guessed at.
 */

/** A user whose last entries in some scopes were deleted by one script call. */
export interface Departure {
  userId: string;
  wentOffline: boolean;
  roomsLeft: PresenceRoomRef[];
  meta: Record<string, unknown>;
}

/** What one remove call did; the removal goes on while `done` is false. */
export interface RemovalStep extends Omit<Departure, 'userId'> {
  /** Whether the connection is gone; `false` when the call's budget ran out first. */
  done: boolean;
}

/** What one sweep call of one tenant did. */
export interface SweepBatch {
  /** Connections (live or not) the tenant still has. */
  remaining: number;
  /** Whether expired connections may be left for another call (the limit or the budget was reached). */
  more: boolean;
  departures: Departure[];
}

function asArray(reply: unknown): unknown[] {
  if (!Array.isArray(reply)) throw unexpected(reply);
  return reply;
}

/** A list of strings, e.g. connection or tenant ids. */
export function asStrings(reply: unknown): string[] {
  return asArray(reply).map(asString);
}

/** An integer reply: a count or a 0/1 flag. */
export function asInteger(reply: unknown): number {
  if (typeof reply !== 'number' || !Number.isInteger(reply)) throw unexpected(reply);
  return reply;
}

/** `{ done, wentOffline, metaJson, roomsLeft }` as returned by a remove. */
export function asRemovalStep(reply: unknown): RemovalStep {
  const [done, ...departure] = asArray(reply);
  return { done: asInteger(done) === 1, ...asDeparture(departure) };
}

/** `{ remaining, more, { { userId, wentOffline, metaJson, roomsLeft }, ... } }` as returned by a sweep. */
export function asSweepBatch(reply: unknown): SweepBatch {
  const [remaining, more, reports] = asArray(reply);
  return {
    remaining: asInteger(remaining),
    more: asInteger(more) === 1,
    departures: asArray(reports).map((report) => {
      const [userId, ...departure] = asArray(report);
      return { userId: asString(userId), ...asDeparture(departure) };
    }),
  };
}

function asDeparture([wentOffline, meta, rooms]: unknown[]): Omit<Departure, 'userId'> {
  return { wentOffline: asInteger(wentOffline) === 1, meta: parseMeta(meta), roomsLeft: asStrings(rooms).map(parseRoomMember) };
}

/** `{ HGETALL of profiles, flat userId, liveConnections, liveSinceMs corrections }` as returned by online. */
export function asOnlineMembers(reply: unknown): PresenceMember[] {
  const [profiles = [], corrections = []] = asArray(reply).map(asArray);
  const members = new Map<string, PresenceMember>();
  for (let i = 0; i + 1 < profiles.length; i += 2) {
    const userId = asString(profiles[i]);
    members.set(userId, { userId, ...parseProfile(profiles[i + 1]) });
  }
  for (let i = 0; i + 2 < corrections.length; i += 3) {
    const userId = asString(corrections[i]);
    const connections = asInteger(corrections[i + 1]);
    const member = members.get(userId);
    if (connections === 0) members.delete(userId);
    else if (member) Object.assign(member, { connections, since: asInteger(corrections[i + 2]) });
  }
  return [...members.values()];
}

/** Flat `userId, connections, sinceMs, profile` quadruples, as returned by inRoom. */
export function asRoomMembers(reply: unknown): PresenceMember[] {
  const flat = asArray(reply);
  const members: PresenceMember[] = [];
  for (let i = 0; i + 3 < flat.length; i += 4) {
    members.push({
      userId: asString(flat[i]),
      connections: asInteger(flat[i + 1]),
      since: asInteger(flat[i + 2]),
      meta: parseProfile(flat[i + 3]).meta,
    });
  }
  return members;
}

/** A profile `<sinceMs>:<connections>:<metaJson>`. */
function parseProfile(reply: unknown): Omit<PresenceMember, 'userId'> {
  const profile = asString(reply);
  const first = profile.indexOf(':');
  const second = profile.indexOf(':', first + 1);
  const since = Number(profile.slice(0, first));
  const connections = Number(profile.slice(first + 1, second));
  if (first < 0 || second < 0 || !Number.isInteger(since) || !Number.isInteger(connections)) throw unexpected(reply);
  return { since, connections, meta: parseMeta(profile.slice(second + 1)) };
}

function asString(reply: unknown): string {
  if (typeof reply !== 'string') throw unexpected(reply);
  return reply;
}

function parseMeta(reply: unknown): Record<string, unknown> {
  const meta: unknown = JSON.parse(asString(reply));
  if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw unexpected(reply);
  return meta as Record<string, unknown>;
}

function unexpected(reply: unknown): Error {
  return new Error(
    `Unexpected reply from a Redis presence script (${JSON.stringify(reply)?.slice(0, 200)}); ` +
      'make sure no other application writes under the presence key prefix.',
  );
}
