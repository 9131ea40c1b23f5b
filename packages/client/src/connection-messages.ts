/** @internal What the connection reports to people: status errors and log lines, in one place. */
export const connectionMessages = {
  unreachable: (cause: string) => `Could not reach the server: ${cause}`,
  lost: (reason: string) => `The connection was lost (${reason}).`,
  serverClosed: 'The server closed the connection.',
  welcomeTimeout: (timeoutMs: number) =>
    `The server did not confirm the connection ('connected') within ${timeoutMs} ms; is this a Tenantcast namespace?`,
  tokenProviderFailed: (message: string) => `The token provider failed: ${message}`,
  retryingWithFreshToken: (code: string) => `Handshake refused (${code}); retrying once with a fresh token`,
  namespaceRefused: (message: string) =>
    `${message} The server refuses this namespace to every client; check the client's url and namespace against the server's RealtimeModule namespace.`,
  freshTokenRefused: (message: string) => `${message} A fresh token from the token provider was refused too; sign the user in again.`,
  fixedTokenRefused: (message: string) =>
    `${message} A fixed token cannot be replaced: pass a function as 'token' so the client can fetch a fresh one.`,
  cannotRefresh: (expiresAt: number) =>
    `The token expires at ${new Date(expiresAt).toISOString()} and cannot be refreshed: pass a token provider function as 'token'.`,
  retrying: (delayMs: number, attempt: number, message: string) => `Retrying in ${delayMs} ms (attempt ${attempt}) after: ${message}`,
  refreshFailed: (message: string) => `Refreshing the token failed: ${message}`,
  refreshed: (expiresAt: number) => `Token refreshed in-band; it now expires at ${new Date(expiresAt).toISOString()}`,
} as const;
