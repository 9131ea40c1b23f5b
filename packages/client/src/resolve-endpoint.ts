/** @internal Where to connect: the URI for socket.io-client's Manager and the namespace. */
export interface Endpoint {
  uri: string;
  namespace: string;
}

/**
 * @internal Splits `url` into the server URI and the namespace, as `io(url)` does: a path in the
 * URL is the namespace unless `namespace` is given. Relative URLs resolve against `location`.
 */
export function resolveEndpoint(url: string, namespace: string | undefined): Endpoint {
  if (typeof url !== 'string' || url.length === 0) throw new TypeError("createRealtimeClient: 'url' must be a non-empty string, e.g. 'https://api.example.com'");
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  let parsed: URL;
  try {
    parsed = new URL(url, base);
  } catch (cause) {
    throw new TypeError(`createRealtimeClient: 'url' is not a valid URL: '${url}'${base ? '' : ' (relative URLs need a browser location)'}`, { cause });
  }
  const path = parsed.pathname.replace(/\/+$/, '');
  const chosen = namespace ?? (path.length > 0 ? path : '/');
  return {
    uri: `${parsed.protocol}//${parsed.host}${parsed.search}`,
    namespace: chosen.startsWith('/') ? chosen : `/${chosen}`,
  };
}
