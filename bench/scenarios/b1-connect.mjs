// B1 — connect handshake. N clients, 100 in flight, against: bare Socket.IO; the hand-written
// gateway; the library with JWT + tenant rooms + memory presence; the library with a no-op presence
// store (JWT only); the library with Redis presence. All five run in one interleaved schedule, so
// each library variant is paired with the bare pass of its round. Plus the JWT microbench on the
// server CPU.
import { decodeHistogram, summarizeMs } from '../lib/histogram.mjs';
import { identities, tenantIds } from '../lib/identities.mjs';
import { runInterleaved } from '../lib/schedule.mjs';
import { armFigure, valueFigure } from '../report/figures.mjs';
import { passProblems } from '../report/rules.mjs';
import { TARGETS } from '../report/targets.mjs';

const TENANTS = tenantIds(10);
const VARIANTS = [
  { key: 'bare', arm: 'bare', config: {} },
  { key: 'handwritten', arm: 'handwritten', config: { presence: 'memory' } },
  { key: 'library', arm: 'library', config: { presence: 'memory' } },
  { key: 'library-jwt', arm: 'library', config: { presence: 'none' } },
  { key: 'library-redis', arm: 'library', config: { presence: 'redis' } },
];

export default {
  id: 'B1',
  title: 'Connect handshake',
  async run(ctx) {
    const { clients, inFlight, warmupClients } = ctx.params.b1;
    const scope = ctx.scope;
    const servers = {};
    await Promise.all(VARIANTS.map(async ({ key, arm, config }) => (servers[key] = await scope.server(arm, config, { sockets: clients, label: key }))));
    const generator = await scope.generator({ sockets: clients });
    const micro = await servers.bare.call('jwtMicrobench', { iterations: ctx.params.b1.jwtIterations }, 120_000);

    const connectPass = async (key, step) => {
      const server = servers[key];
      const count = step.warmup ? warmupClients : clients;
      const before = await server.call('cpu');
      const result = await generator.call('connect', { port: server.port, namespace: ctx.namespace, people: { count, tenants: TENANTS }, inFlight }, 300_000);
      const after = await server.call('cpu');
      await generator.call('close', {});
      await server.call('waitIdle', { tenants: TENANTS });
      const latency = summarizeMs(decodeHistogram(result.histogram));
      const values = { rate: result.rate, p50: latency.p50, p99: latency.p99, cpuPerConnection: (after.micros - before.micros) / Math.max(1, result.connected), failed: result.failed };
      const problems = passProblems({ generatorCpu: result.cpuFraction, failedHandshakes: result.failed });
      if (result.failed > 0) problems.push(`failures: ${JSON.stringify(result.failures)}`);
      return ctx.pass({ arm: key, step, values, histograms: { connect: result.histogram }, generatorCpu: result.cpuFraction, problems });
    };
    const passes = await runInterleaved(
      VARIANTS.map((variant) => variant.key),
      ctx.params.passes,
      connectPass,
    );

    const scenario = 'B1';
    const withLibrary = (key) => ({ bare: passes.bare, library: passes[key] });
    const rows = [
      armFigure({ scenario, figure: 'connect rate, JWT + rooms + memory presence', unit: 'conn/s', passes: { ...withLibrary('library'), handwritten: passes.handwritten }, metric: (v) => v.rate, target: TARGETS.connectRate }),
      armFigure({ scenario, figure: 'server CPU per connection, memory presence', unit: 'µs', passes: { ...withLibrary('library'), handwritten: passes.handwritten }, metric: (v) => v.cpuPerConnection, target: TARGETS.connectCpu }),
      armFigure({ scenario, figure: 'connect p50, memory presence', unit: 'ms', passes: { ...withLibrary('library'), handwritten: passes.handwritten }, metric: (v) => v.p50 }),
      armFigure({ scenario, figure: 'connect p99, memory presence', unit: 'ms', passes: { ...withLibrary('library'), handwritten: passes.handwritten }, metric: (v) => v.p99, target: TARGETS.connectP99 }),
      armFigure({ scenario, figure: 'connect rate floor, memory presence', unit: 'conn/s', passes: withLibrary('library'), metric: (v) => v.rate, target: TARGETS.connectFloor }),
      armFigure({ scenario, figure: 'connect rate, JWT + rooms, no presence', unit: 'conn/s', passes: withLibrary('library-jwt'), metric: (v) => v.rate, target: TARGETS.connectRateJwt }),
      armFigure({ scenario, figure: 'connect p99, JWT + rooms, no presence', unit: 'ms', passes: withLibrary('library-jwt'), metric: (v) => v.p99, target: TARGETS.connectP99Jwt }),
      armFigure({ scenario, figure: 'connect rate, JWT + rooms + Redis presence', unit: 'conn/s', passes: withLibrary('library-redis'), metric: (v) => v.rate, target: TARGETS.connectRateRedis }),
      armFigure({ scenario, figure: 'connect p99, JWT + rooms + Redis presence', unit: 'ms', passes: withLibrary('library-redis'), metric: (v) => v.p99, target: TARGETS.connectP99 }),
      armFigure({ scenario, figure: 'server CPU per connection, Redis presence', unit: 'µs', passes: withLibrary('library-redis'), metric: (v) => v.cpuPerConnection, target: TARGETS.connectCpu }),
      armFigure({
        scenario,
        figure: 'failed handshakes (all variants)',
        unit: '',
        passes: { bare: passes.bare, handwritten: passes.handwritten, library: [...passes.library, ...passes['library-jwt'], ...passes['library-redis']] },
        metric: (v) => v.failed,
        target: TARGETS.noFailures,
      }),
      valueFigure({ scenario, figure: 'HS256 verify, KeyObject built once (jsonwebtoken)', unit: 'µs', library: micro.keyObjectMicros, target: TARGETS.jwtVerify }),
      valueFigure({ scenario, figure: 'HS256 verify, string secret (jsonwebtoken, as @nestjs/jwt with `secret`)', unit: 'µs', library: micro.stringSecretMicros }),
      valueFigure({ scenario, figure: 'HS256 verify, jose (async)', unit: 'µs', library: micro.joseMicros }),
    ];
    return {
      rows,
      notes: [
        `${clients} clients over ${TENANTS.length} tenants, ${inFlight} in flight; warm-up pass of ${warmupClients} per arm discarded.`,
        'Ready = the server\'s `connected` event, which every arm emits once the socket is set up (rooms joined, presence written).',
        'bare joins the same two rooms from plain auth fields without verification; hand-written verifies the same JWT with @nestjs/jwt and a KeyObject and counts presence in a Map.',
      ],
    };
  },
};
