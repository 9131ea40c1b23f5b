import { RealtimeClientError, type TokenProvider } from '@tenantcast/client';
import { ErrorCode } from '@tenantcast/protocol';
import { ApiError } from '../api/api-error';
import { fetchDevToken } from '../api/http-api';
import type { Identity } from './identity';

/**
 * The signed-in tab's tokens, from the demo's stand-in login (`POST /auth/dev-token`): one cached
 * token shared by the socket and the HTTP calls, replaced whenever the server refuses it or asks
 * for a fresh one. A product would call its own auth service here.
 */
export class SessionTokens {
  private cached: Promise<string> | undefined;

  constructor(readonly identity: Identity) {}

  /** The cached token, fetched on first use. */
  current(): Promise<string> {
    this.cached ??= this.fetch();
    return this.cached;
  }

  /** A new token, replacing the cached one. */
  fresh(): Promise<string> {
    this.cached = this.fetch();
    return this.cached;
  }

  /**
   * The realtime client's token provider: the cached token before a connection attempt, a fresh
   * one when the server refused it, ended the session, or warned that it expires.
   */
  readonly provider: TokenProvider = async ({ reason }) => {
    try {
      return await (reason === 'connect' ? this.current() : this.fresh());
    } catch (error) {
      throw toClientError(error);
    }
  };

  /** Runs an HTTP call with the token; once more with a fresh token if the server refused it. */
  async withToken<T>(call: (token: string) => Promise<T>): Promise<T> {
    try {
      return await call(await this.current());
    } catch (error) {
      if (!(error instanceof ApiError) || (error.code !== ErrorCode.Unauthorized && error.code !== ErrorCode.TokenExpired)) throw error;
      return call(await this.fresh());
    }
  }

  private fetch(): Promise<string> {
    const pending = fetchDevToken(this.identity);
    // A failed fetch is not cached: the next call tries again.
    pending.catch(() => {
      if (this.cached === pending) this.cached = undefined;
    });
    return pending;
  }
}

/**
 * How the client should take a failed token fetch: a server that no longer issues demo tokens
 * means the user must sign in another way (`UNAUTHORIZED` stops retrying); an unreachable server
 * is retried with backoff.
 */
function toClientError(error: unknown): RealtimeClientError {
  if (error instanceof ApiError && error.status === 404) {
    return new RealtimeClientError(ErrorCode.Unauthorized, 'This server does not issue demo tokens (DEMO_AUTH is off), so your session cannot be renewed.', { cause: error });
  }
  if (error instanceof ApiError) return new RealtimeClientError(error.code, error.message, { cause: error });
  return RealtimeClientError.from(error);
}
