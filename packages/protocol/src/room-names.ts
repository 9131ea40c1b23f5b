import { ErrorCode } from './error-codes';

/** Longest accepted tenant id, user id, kind or resource id, in UTF-16 code units. */
export const MAX_ROOM_COMPONENT_LENGTH = 128;

/** Resource kinds must be short lower-case words so they never collide with fixed segments. */
const KIND_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** Segments with a fixed meaning in room names; an application kind may not take them. */
export const RESERVED_KINDS: readonly string[] = ['user', 'presence', 'tenant'];

/**
 * Characters never allowed in a component: the separator `:`; glob and brace characters that
 * would act as patterns in Redis (`KEYS`, `SCAN MATCH`, `PSUBSCRIBE`) or break Cluster hash
 * tags; control characters; and invisible or direction-changing characters that make two
 * different ids look the same to a person.
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN_CHARACTERS = /[:*?[\]\\{}\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

/** Thrown when a room component or a room name is not valid; carries `INVALID_ROOM`. */
export class RoomNameError extends Error {
  /** Always `INVALID_ROOM`. */
  readonly code = ErrorCode.InvalidRoom;

  constructor(message: string) {
    super(message);
    this.name = 'RoomNameError';
  }
}

/** Which part of a room name a value is checked as; used in error messages. */
export type RoomComponentName = 'tenantId' | 'userId' | 'kind' | 'id';

/**
 * Returns why `value` cannot be used as a room component, or `undefined` if it can.
 *
 * Values are never altered (trimmed, escaped, lower-cased): two different inputs either map to
 * two different rooms or one of them is refused.
 */
export function roomComponentProblem(value: unknown, name: RoomComponentName): string | undefined {
  if (typeof value !== 'string') return `${name} must be a string, got ${describeType(value)}`;
  if (value.length === 0) return `${name} must not be empty`;
  if (value.length > MAX_ROOM_COMPONENT_LENGTH) {
    return `${name} must be at most ${MAX_ROOM_COMPONENT_LENGTH} characters, got ${value.length}`;
  }
  if (FORBIDDEN_CHARACTERS.test(value)) {
    return `${name} contains a forbidden character (':', '*', '?', '[', ']', '\\', '{', '}', control or invisible characters)`;
  }
  if (name === 'kind') {
    if (!KIND_PATTERN.test(value)) {
      return `kind must match ${KIND_PATTERN.source} (lower-case letters, digits, '-' and '_', at most 32)`;
    }
    if (RESERVED_KINDS.includes(value)) return `kind '${value}' is reserved`;
  }
  return undefined;
}

/** Tells whether `value` is a valid room component of the given part. */
export function isValidRoomComponent(value: unknown, name: RoomComponentName): value is string {
  return roomComponentProblem(value, name) === undefined;
}

/** Throws {@link RoomNameError} unless `value` is a valid room component. */
export function assertRoomComponent(value: unknown, name: RoomComponentName): asserts value is string {
  const problem = roomComponentProblem(value, name);
  if (problem !== undefined) throw new RoomNameError(problem);
}

function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value;
}

/**
 * The room every socket of a tenant joins on connect: `tenant:{tenantId}`.
 *
 * @example tenantRoom('acme') // 'tenant:acme'
 */
export function tenantRoom(tenantId: string): string {
  assertRoomComponent(tenantId, 'tenantId');
  return `tenant:${tenantId}`;
}

/**
 * The room of all connections of one user: `tenant:{tenantId}:user:{userId}`.
 *
 * @example userRoom('acme', 'u1') // 'tenant:acme:user:u1'
 */
export function userRoom(tenantId: string, userId: string): string {
  assertRoomComponent(tenantId, 'tenantId');
  assertRoomComponent(userId, 'userId');
  return `tenant:${tenantId}:user:${userId}`;
}

/**
 * The room of sockets subscribed to a tenant's presence changes: `tenant:{tenantId}:presence`.
 */
export function presenceRoom(tenantId: string): string {
  assertRoomComponent(tenantId, 'tenantId');
  return `tenant:${tenantId}:presence`;
}

/**
 * The room of one resource: `tenant:{tenantId}:{kind}:{id}`.
 *
 * @example resourceRoom('acme', 'rca', '42') // 'tenant:acme:rca:42'
 */
export function resourceRoom(tenantId: string, kind: string, id: string): string {
  assertRoomComponent(tenantId, 'tenantId');
  assertRoomComponent(kind, 'kind');
  assertRoomComponent(id, 'id');
  return `tenant:${tenantId}:${kind}:${id}`;
}

/** A room name taken apart by {@link parseRoomName}. */
export type ParsedRoom =
  | { type: 'tenant'; tenantId: string }
  | { type: 'user'; tenantId: string; userId: string }
  | { type: 'presence'; tenantId: string }
  | { type: 'resource'; tenantId: string; kind: string; id: string };

/**
 * Parses a room name built by this module back into its parts; throws {@link RoomNameError} for
 * anything else. Every name the builders return parses to exactly the parts it was built from.
 */
export function parseRoomName(name: string): ParsedRoom {
  if (typeof name !== 'string') throw new RoomNameError('room name must be a string');
  const parts = name.split(':');
  if (parts[0] !== 'tenant') throw new RoomNameError(`room name must start with 'tenant:', got '${truncate(name)}'`);
  const [, tenantId, second, third] = parts;
  assertRoomComponent(tenantId, 'tenantId');
  if (parts.length === 2) return { type: 'tenant', tenantId };
  if (parts.length === 3 && second === 'presence') return { type: 'presence', tenantId };
  if (parts.length === 4 && second === 'user') {
    assertRoomComponent(third, 'userId');
    return { type: 'user', tenantId, userId: third };
  }
  if (parts.length === 4) {
    assertRoomComponent(second, 'kind');
    assertRoomComponent(third, 'id');
    return { type: 'resource', tenantId, kind: second, id: third };
  }
  throw new RoomNameError(`'${truncate(name)}' is not a tenant, user, presence or resource room name`);
}

function truncate(text: string): string {
  return text.length > 64 ? `${text.slice(0, 64)}…` : text;
}
