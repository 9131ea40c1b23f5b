/** An HTTP response with its parsed JSON body. */
export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/** Calls the example's HTTP API, with a Bearer token when given. */
export async function api<T = unknown>(baseUrl: string, method: 'GET' | 'POST', path: string, options: { token?: string; body?: unknown } = {}): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {};
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${baseUrl}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T, headers: response.headers };
}

/** A user as `POST /auth/dev-token` takes it. */
export interface DevUser {
  userId: string;
  tenantId: string;
  role?: string;
  email?: string;
  rcaIds?: string[];
}

/** Gets a token from `POST /auth/dev-token` (role defaults to engineer). */
export async function devToken(baseUrl: string, user: DevUser): Promise<string> {
  const response = await api<{ token: string }>(baseUrl, 'POST', '/auth/dev-token', {
    body: { role: 'engineer', email: `${user.userId}@${user.tenantId}.example`, ...user },
  });
  if (response.status !== 201) throw new Error(`dev-token answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body.token;
}
