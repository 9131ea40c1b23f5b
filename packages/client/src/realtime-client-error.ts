import { ErrorCode, isErrorCode, type ErrorPayload, type PayloadIssue } from '@tenantcast/protocol';

/** What a refusal may carry beyond its code and message. */
export interface RealtimeClientErrorDetails {
  /** For `INVALID_PAYLOAD`: what was wrong with the payload, field by field. */
  details?: PayloadIssue[];
  /** For `RATE_LIMITED`: milliseconds to wait before sending again. */
  retryAfterMs?: number;
}

// A registry symbol, not a class check: the ESM and the CommonJS copy of this package may both be
// loaded in one app, and an error made by one must still be recognised by the other.
const BRAND = Symbol.for('tenantcast.RealtimeClientError');

/**
 * The one error type the client rejects with and reports in `status.lastError`. Branch on
 * `code` (a protocol {@link ErrorCode}), never on `message`.
 *
 * @example
 * try {
 *   await client.request('add-comment', { rcaId: '42', text: 'Found it' }, { timeout: 5_000 });
 * } catch (error) {
 *   if (isRealtimeClientError(error) && error.code === 'TIMEOUT') showRetryButton();
 * }
 */
export class RealtimeClientError extends Error {
  /** Machine-readable reason, from the protocol's error codes. */
  readonly code: ErrorCode;
  /** For `INVALID_PAYLOAD`: what the server found wrong with the payload, field by field. */
  readonly details?: PayloadIssue[];
  /** For `RATE_LIMITED`: milliseconds to wait before sending again. */
  readonly retryAfterMs?: number;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown } & RealtimeClientErrorDetails) {
    super(message, options);
    this.name = 'RealtimeClientError';
    this.code = code;
    if (options?.details !== undefined) this.details = options.details;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
    // Marks instances for isRealtimeClientError() across copies of this package; not enumerable,
    // and not part of the type, so errors of two copies stay assignable to each other.
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The `{ code, message }` form, as carried on the wire, with `details` and `retryAfterMs` when set. */
  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message, ...extras(this) };
  }

  /**
   * Normalises anything thrown or received into a {@link RealtimeClientError}:
   * an instance is returned as is; an `ErrorPayload` (`{ code, message }`), a refused
   * acknowledgement (`{ ok: false, error }`) and a `connect_error` carrying `data.code` keep their
   * code; anything else becomes `INTERNAL` with the original kept as `cause`.
   *
   * @example
   * socket.on('connect_error', (err) => setError(RealtimeClientError.from(err)));
   */
  static from(value: unknown): RealtimeClientError {
    if (isRealtimeClientError(value)) return value;
    const payload = findPayload(value);
    if (payload) return new RealtimeClientError(payload.code, payload.message, { cause: value, ...extras(payload) });
    const message = value instanceof Error ? value.message : typeof value === 'string' ? value : 'Unknown error';
    return new RealtimeClientError(ErrorCode.Internal, message, { cause: value });
  }
}

/**
 * Tells whether a value is a {@link RealtimeClientError}, also when it was created by another
 * copy (ESM or CommonJS) of this package.
 */
export function isRealtimeClientError(value: unknown): value is RealtimeClientError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
}

/** @internal The same failure, prefixed with what the client was doing when nobody awaited it. */
export function inContext(context: string, error: RealtimeClientError): RealtimeClientError {
  return new RealtimeClientError(error.code, `${context}: ${error.message}`, { cause: error });
}

/** The optional fields of a refusal, kept only when they have the protocol's types. */
function extras(source: { details?: unknown; retryAfterMs?: unknown }): RealtimeClientErrorDetails {
  const found: RealtimeClientErrorDetails = {};
  if (Array.isArray(source.details)) found.details = source.details as PayloadIssue[];
  if (typeof source.retryAfterMs === 'number' && Number.isFinite(source.retryAfterMs)) found.retryAfterMs = source.retryAfterMs;
  return found;
}

function findPayload(value: unknown): ErrorPayload | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (isErrorCode(record.code)) return { code: record.code, message: messageOf(record.message, record.code), ...extras(record) };
  if (record.ok === false) return findPayload(record.error);
  // connect_error from server middleware: Error('Unauthorized') with data = { code, message }.
  if ('data' in record) return findPayload(record.data);
  return undefined;
}

function messageOf(message: unknown, code: ErrorCode): string {
  return typeof message === 'string' && message.length > 0 ? message : code;
}
