import type { AppEnv } from './config/env.validation';

/** Where the example ended up listening. */
export interface ListeningAt {
  /** The HTTP port, as bound (PORT=0 picks one). */
  httpPort: number;
}

const DEMO_USER = { userId: 'alice', tenantId: 'acme', role: 'engineer', email: 'alice@acme.example' };

/**
 * The friendly start-up text: where to connect, how to get a token, and commands to paste that
 * show a realtime update end to end.
 */
export function startupBanner(env: AppEnv, { httpPort }: ListeningAt): string {
  // Every interface includes loopback; a specific address is shown as it is.
  const host = env.host === '0.0.0.0' || env.host === '::' ? 'localhost' : env.host.includes(':') ? `[${env.host}]` : env.host;
  const httpUrl = `http://${host}:${httpPort}`;
  const socketUrl = `http://${host}:${env.websocketPort ?? httpPort}${env.websocketNamespace}`;
  const presence = env.redisUrl === undefined ? 'in memory' : 'in Redis';
  const scaling = env.realtimeAdapter === undefined ? 'one process (set REALTIME_ADAPTER to run several copies)' : `${env.realtimeAdapter} adapter: events reach every copy on this Redis`;
  const lines = [
    '',
    'Tenantcast RCA example is running',
    ...(env.dashboardDir === undefined ? [] : [`  Dashboard   ${httpUrl}/`]),
    `  HTTP API    ${httpUrl}  (listening on ${env.host}; set HOST=0.0.0.0 to accept other machines)`,
    `  Socket.IO   ${socketUrl}  (namespace ${env.websocketNamespace}, ping every ${env.websocketPingInterval} ms, timeout ${env.websocketPingTimeout} ms)`,
    `  Presence    ${presence}; GET ${httpUrl}/presence with a token`,
    `  Scaling     ${scaling}`,
    `  Health      ${httpUrl}/realtime/health`,
    `  Metrics     ${env.metrics ? `${httpUrl}/metrics (Prometheus, no token)` : 'off (set METRICS=true to serve GET /metrics)'}`,
    '',
    ...(env.demoAuth ? demoSteps(httpUrl, socketUrl) : tokenHelp()),
    '',
  ];
  return `${lines.join('\n')}\n`;
}

function demoSteps(httpUrl: string, socketUrl: string): string[] {
  const client = [
    `const s = require('socket.io-client').io('${socketUrl}', { auth: { token: process.env.TOKEN } });`,
    `s.on('connect_error', (e) => console.log('refused:', e.message, e.data));`,
    `s.on('connected', ({ user }) => s.emit('join-rca', '42', (ack) => console.log('connected as', user.userId, 'join-rca 42:', JSON.stringify(ack))));`,
    `s.onAny((event, payload) => console.log(event, JSON.stringify(payload)));`,
  ].join(' ');
  return [
    'Get a token (DEMO_AUTH is on):',
    `  export TOKEN=$(curl -s -X POST ${httpUrl}/auth/dev-token -H 'Content-Type: application/json' -d '${JSON.stringify(DEMO_USER)}' | node -pe 'JSON.parse(require("fs").readFileSync(0, "utf8")).token')`,
    'Connect a client and join RCA 42 (from the repository root, in the same shell):',
    `  node -e "${client}"`,
    'Post an update to RCA 42 (another shell with the same TOKEN):',
    `  curl -s -X POST ${httpUrl}/rcas/42/updates -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' -d '{"status":"investigating"}'`,
  ];
}

function tokenHelp(): string[] {
  return [
    'Tokens: HS256 JWTs signed with JWT_SECRET, with claims sub, tenantId, role, email and exp',
    '(role "viewer" also takes rcaIds). Set DEMO_AUTH=true to get tokens from POST /auth/dev-token.',
  ];
}
