import type { Socket } from 'socket.io';

/**
 * Gives the handshake its own copy of the request headers without the credential-bearing ones
 * (`redacted`, lower-case). The handshake is what travels: `fetchSockets()` and the adapters'
 * cross-process requests send it to the other processes through Redis, and code that logs a
 * socket logs it. The request itself stays on this process, so `socket.request.headers` keeps
 * every header for the app's own use.
 */
export function redactCredentialHeaders(handshake: Socket['handshake'], redacted: ReadonlySet<string>): void {
  if (redacted.size === 0) return;
  const kept = Object.entries(handshake.headers).filter(([name]) => !redacted.has(name));
  if (kept.length === Object.keys(handshake.headers).length) return;
  handshake.headers = Object.fromEntries(kept);
}
