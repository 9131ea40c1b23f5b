import { createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import { defaultClaimsMapping } from '../auth/claims-mapping';
import { OptionMessages } from '../realtime.messages';
import type { JwtAlgorithm, RealtimeAuthOptions } from '../realtime-options.interface';
import type { OptionProblems } from './option-problems';
import type { JwtVerification, ResolvedAuthOptions } from './resolved-realtime-options';
import { nonNegativeNumber, optionalPositiveInteger } from './option-values';

const HMAC_ALGORITHMS: ReadonlySet<string> = new Set(['HS256', 'HS384', 'HS512']);
const ASYMMETRIC_ALGORITHMS: ReadonlySet<string> = new Set(['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512']);
const MIN_SECRET_BYTES = 32;
const KEY_SOURCES = ['secret', 'publicKey', 'verify'] as const;
/** Options only the built-in verifier reads; with `verify` they would silently do nothing. */
const BUILT_IN_ONLY = ['algorithms', 'issuer', 'audience', 'clockToleranceSeconds', 'maxTokenAgeSeconds'] as const;

/** Validates `auth`, records every problem and returns the resolved options (or `undefined`). */
export function resolveAuthOptions(auth: RealtimeAuthOptions | undefined, problems: OptionProblems): ResolvedAuthOptions | undefined {
  if (typeof auth !== 'object' || auth === null) {
    problems.add(OptionMessages.missingAuth());
    return undefined;
  }
  const common = {
    mapClaims: auth.mapClaims ?? defaultClaimsMapping,
    allowQueryToken: auth.allowQueryToken ?? false,
    redactHeaders: resolveRedactHeaders(auth.redactHeaders, problems),
    expiryWarningMs: optionalPositiveInteger('auth.expiryWarningMs', auth.expiryWarningMs, 60_000, problems),
    isRevoked: auth.isRevoked ?? notRevoked,
  };
  if (auth.isRevoked !== undefined && typeof auth.isRevoked !== 'function') {
    problems.add(OptionMessages.notFunction('auth.isRevoked', '(claims) => boolean | Promise<boolean>'));
  }
  if (auth.mapClaims !== undefined && typeof auth.mapClaims !== 'function') {
    problems.add(OptionMessages.notFunction('auth.mapClaims', '(claims) => RealtimeUser | undefined'));
  }
  const given = KEY_SOURCES.filter((source) => auth[source] !== undefined);
  if (given.length === 0) {
    problems.add(OptionMessages.missingKey());
    return undefined;
  }
  if (given.length > 1) {
    problems.add(OptionMessages.severalKeys(given));
    return undefined;
  }
  if (auth.verify !== undefined) {
    if (typeof auth.verify !== 'function') problems.add(OptionMessages.notFunction('auth.verify', '(token) => claims | Promise<claims>'));
    for (const option of BUILT_IN_ONLY) if (auth[option] !== undefined) problems.add(OptionMessages.ignoredWithVerify(option));
    return { ...common, mode: 'custom', verify: auth.verify };
  }
  const mode = auth.secret !== undefined ? 'hmac' : 'publicKey';
  const key = mode === 'hmac' ? secretKey(auth.secret, problems) : publicKey(auth, problems);
  const jwt = jwtVerification(auth, mode, key, problems);
  return jwt ? { ...common, mode, jwt } : undefined;
}

/** The default keeps session cookies off the handshake; `authorization` goes with the token anyway. */
const DEFAULT_REDACT_HEADERS = ['cookie'];

function resolveRedactHeaders(headers: unknown, problems: OptionProblems): ReadonlySet<string> {
  if (headers === undefined) return new Set(DEFAULT_REDACT_HEADERS);
  if (!Array.isArray(headers) || !headers.every((name) => typeof name === 'string' && /^[!#$%&'*+.^_`|~0-9a-z-]+$/i.test(name))) {
    problems.add(OptionMessages.redactHeaders(headers));
    return new Set(DEFAULT_REDACT_HEADERS);
  }
  return new Set(headers.map((name: string) => name.toLowerCase()));
}

function notRevoked(): boolean {
  return false;
}

function jwtVerification(
  auth: RealtimeAuthOptions,
  mode: 'hmac' | 'publicKey',
  key: KeyObject | undefined,
  problems: OptionProblems,
): JwtVerification | undefined {
  const algorithms = resolveAlgorithms(auth.algorithms ?? (mode === 'hmac' ? ['HS256'] : undefined), mode, problems);
  const issuer = claimList('issuer', auth.issuer, problems);
  const audience = claimList('audience', auth.audience, problems);
  const clockToleranceSeconds = nonNegativeNumber('auth.clockToleranceSeconds', auth.clockToleranceSeconds, 5, problems);
  let maxTokenAgeSeconds: number | undefined;
  if (auth.maxTokenAgeSeconds !== undefined) {
    const value = auth.maxTokenAgeSeconds;
    if (typeof value === 'number' && Number.isFinite(value) && value > 0) maxTokenAgeSeconds = value;
    else problems.add(OptionMessages.positiveSeconds('auth.maxTokenAgeSeconds', value));
  }
  if (!key || !algorithms) return undefined;
  return { key, algorithms, issuer, audience, clockToleranceSeconds, maxTokenAgeSeconds };
}

function secretKey(secret: unknown, problems: OptionProblems): KeyObject | undefined {
  if (typeof secret !== 'string' && !Buffer.isBuffer(secret)) {
    problems.add(OptionMessages.secretType());
    return undefined;
  }
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (bytes.length === 0) problems.add(OptionMessages.emptySecret());
  else if (bytes.length < MIN_SECRET_BYTES) problems.add(OptionMessages.shortSecret(bytes.length));
  else return createSecretKey(bytes);
  return undefined;
}

function publicKey(auth: RealtimeAuthOptions, problems: OptionProblems): KeyObject | undefined {
  if (auth.algorithms === undefined) problems.add(OptionMessages.publicKeyNeedsAlgorithms());
  try {
    // jsonwebtoken re-parses a string key on every call; a KeyObject is parsed once, here.
    return createPublicKey(auth.publicKey as string | Buffer);
  } catch (error) {
    problems.add(OptionMessages.invalidPublicKey(error instanceof Error ? error.message : String(error)));
    return undefined;
  }
}

function resolveAlgorithms(
  algorithms: readonly unknown[] | undefined,
  mode: 'hmac' | 'publicKey',
  problems: OptionProblems,
): [JwtAlgorithm, ...JwtAlgorithm[]] | undefined {
  if (algorithms === undefined) return undefined;
  if (!Array.isArray(algorithms) || algorithms.length === 0) {
    problems.add(OptionMessages.algorithmsType());
    return undefined;
  }
  const fitting = mode === 'hmac' ? HMAC_ALGORITHMS : ASYMMETRIC_ALGORITHMS;
  let valid = true;
  for (const algorithm of algorithms) {
    if (typeof algorithm !== 'string' || (!HMAC_ALGORITHMS.has(algorithm) && !ASYMMETRIC_ALGORITHMS.has(algorithm))) {
      problems.add(OptionMessages.unknownAlgorithm(algorithm));
      valid = false;
    } else if (!fitting.has(algorithm)) {
      problems.add(OptionMessages.algorithmMismatch(algorithm, mode === 'hmac' ? 'shared secret' : 'public key'));
      valid = false;
    }
  }
  return valid ? (algorithms as [JwtAlgorithm, ...JwtAlgorithm[]]) : undefined;
}

function claimList(option: 'issuer' | 'audience', value: unknown, problems: OptionProblems): string | [string, ...string[]] | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && value.length > 0) return value;
  if (Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string' && item.length > 0)) {
    return value as [string, ...string[]];
  }
  problems.add(OptionMessages.claimList(option));
  return undefined;
}
