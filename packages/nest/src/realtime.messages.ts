/** Messages of start-up errors: each says what is wrong and how to fix it. */
export const OptionMessages = {
  missingAuth: () =>
    'RealtimeModule: options.auth is required. Pass { auth: { secret } } for HS256 tokens, { auth: { publicKey, algorithms } } for RS/ES tokens, or { auth: { verify } } for a custom verifier (e.g. a JWKS through jose).',
  missingKey: () =>
    'RealtimeModule: options.auth needs one of secret, publicKey or verify. A server that verifies nothing would accept anyone.',
  emptySecret: () => 'RealtimeModule: options.auth.secret is empty. Set it from your JWT secret (e.g. JWT_SECRET).',
  shortSecret: (length: number) =>
    `RealtimeModule: options.auth.secret has ${length} bytes; HMAC secrets need at least 32 bytes to resist brute force. Use a longer random secret.`,
  publicKeyNeedsAlgorithms: () =>
    "RealtimeModule: options.auth.publicKey requires options.auth.algorithms (e.g. ['RS256']) so the token header can never choose the algorithm.",
  algorithmMismatch: (algorithm: string, keyKind: string) =>
    `RealtimeModule: algorithm '${algorithm}' does not fit a ${keyKind}. Use HS* with secret and RS*/PS*/ES* with publicKey.`,
  unknownAlgorithm: (algorithm: string) =>
    `RealtimeModule: unsupported algorithm '${algorithm}'. Use one of HS256/384/512, RS256/384/512, PS256/384/512, ES256/384/512; 'none' is never accepted.`,
  namespace: (namespace: unknown) =>
    `RealtimeModule: namespace must be a string starting with '/', e.g. '/rca'; got ${JSON.stringify(namespace)}.`,
  positiveInteger: (name: string, value: unknown) =>
    `RealtimeModule: ${name} must be a positive integer (milliseconds or bytes); got ${JSON.stringify(value)}.`,
  port: (value: unknown) => `RealtimeModule: port must be an integer from 1 to 65535; got ${JSON.stringify(value)}.`,
  transports: (value: unknown) =>
    `RealtimeModule: transports must be a non-empty array of 'websocket' and 'polling'; got ${JSON.stringify(value)}.`,
  roomKind: (kind: string, problem: string) => `RealtimeModule: room kind '${kind}' is invalid: ${problem}.`,
  authorizeNotFunction: (kind: string) => `RealtimeModule: rooms.${kind}.authorize must be a function (user, id, socket) => boolean | Promise<boolean>.`,
  healthPath: (path: unknown) =>
    `RealtimeModule: health.path must be a string starting with '/', e.g. '/realtime/health'; got ${JSON.stringify(path)}.`,
  redisPresence: () =>
    "RealtimeModule: presence { store: 'redis' } needs a client (an ioredis instance) or a url (e.g. 'redis://127.0.0.1:6379').",
  presenceStore: () =>
    "RealtimeModule: presence must be 'memory', { store: 'redis', url | client }, or { store: yourPresenceStore }.",
} as const;
