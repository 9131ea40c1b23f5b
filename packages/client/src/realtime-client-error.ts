import { ErrorCode, isErrorCode, type ErrorPayload } from '@tenantcast/protocol';

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

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RealtimeClientError';
    this.code = code;
    // Marks instances for isRealtimeClientError() across copies of this package; not enumerable,
    // and not part of the type, so errors of two copies stay assignable to each other.
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** The `{ code, message }` form, as carried on the wire. */
  toPayload(): ErrorPayload {
    return { code: this.code, message: this.message };
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
    if (payload) return new RealtimeClientError(payload.code, payload.message, { cause: value });
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

function findPayload(value: unknown): ErrorPayload | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (isErrorCode(record.code)) return { code: record.code, message: messageOf(record.message, record.code) };
  if (record.ok === false) return findPayload(record.error);
  // connect_error from server middleware: Error('Unauthorized') with data = { code, message }.
  if ('data' in record) return findPayload(record.data);
  return undefined;
}

function messageOf(message: unknown, code: ErrorCode): string {
  return typeof message === 'string' && message.length > 0 ? message : code;
}
