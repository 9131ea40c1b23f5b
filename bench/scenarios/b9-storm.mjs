// B9 — reconnect storm. N connected; the server closes every transport at once (as a proxy
// restart or a network cut does, no Socket.IO disconnect packet), and every client reconnects with
// socket.io-client's jittered backoff (1 s doubling to 5 s, ±50%). Time to 99% / 100%
// reconnected, handshake failures on the way, and for the library the time until presence again
// counts every user.
import { setTimeout as sleep } from 'node:timers/promises';
import { tenantIds } from '../lib/identities.mjs';
import { runInterleaved } from '../lib/schedule.mjs';
import { armFigure } from '../report/figures.mjs';
import { passProblems } from '../report/rules.mjs';
import { timeToFraction } from '../report/stats.mjs';
import { TARGETS } from '../report/targets.mjs';

const ARMS = ['bare', 'library'];
const TENANTS = tenantIds(10);
/** The library's memory presence has no expiry; the spec's bound is 2 × the Redis store's default TTL. */
const PRESENCE_TTL_MS = 30_000;

export default {
  id: 'B9',
  title: 'Reconnect storm',
  async run(ctx) {
    const { clients, timeoutMs } = ctx.params.b9;
    const servers = {};
    const generators = {};
    await Promise.all(
      ARMS.map(async (arm) => {
        servers[arm] = await ctx.scope.server(arm, { presence: 'memory' }, { sockets: clients });
        generators[arm] = await ctx.scope.generator({ sockets: clients, label: `generator-${arm}` });
        const result = await generators[arm].call('connect', { port: servers[arm].port, namespace: ctx.namespace, people: { count: clients, tenants: TENANTS }, inFlight: 100 }, 300_000);
        if (result.failed > 0) throw new Error(`B9: ${result.failed} clients could not connect to ${arm}`);
      }),
    );

    const presenceConverged = async (server, started) => {
      const deadline = started + timeoutMs + 2 * PRESENCE_TTL_MS;
      while (Date.now() < deadline) {
        const { sockets } = await server.call('stats');
        const counts = await Promise.all(TENANTS.map((tenantId) => server.call('presenceCount', { tenantId })));
        const online = counts.every(({ count }) => count === null) ? sockets : counts.reduce((sum, { count }) => sum + count, 0);
        if (sockets === clients && online === clients) return Date.now() - started;
        await sleep(25);
      }
      return null;
    };

    const storm = async (arm, step) => {
      const server = servers[arm];
      const generator = generators[arm];
      await generator.call('stormArm', {});
      const started = Date.now();
      await server.call('forceDisconnect');
      const [result, convergedMs] = await Promise.all([generator.call('stormResult', { timeoutMs }, timeoutMs + 30_000), presenceConverged(server, started)]);
      const { unhandledRejections } = await server.call('stats');
      const values = {
        t99Ms: timeToFraction(result.times, result.expected, 0.99),
        t100Ms: timeToFraction(result.times, result.expected, 1),
        reconnected: result.reconnected,
        handshakeFailures: result.failures,
        presenceConvergedMs: convergedMs,
        unhandledRejections,
      };
      const problems = passProblems({ generatorCpu: result.cpuFraction });
      if (result.reconnected < result.expected) problems.push(`${result.expected - result.reconnected} clients not back within ${timeoutMs} ms`);
      return ctx.pass({ arm, step, values, generatorCpu: result.cpuFraction, problems });
    };
    const passes = await runInterleaved(ARMS, ctx.params.passes, storm);

    const scenario = 'B9';
    return {
      rows: [
        armFigure({ scenario, figure: `time to 99% reconnected, ${clients} clients`, unit: 'ms', passes, metric: (v) => v.t99Ms, target: TARGETS.stormT99 }),
        armFigure({ scenario, figure: 'time to 100% reconnected', unit: 'ms', passes, metric: (v) => v.t100Ms }),
        armFigure({ scenario, figure: 'handshake failures during the storm', unit: '', passes, metric: (v) => v.handshakeFailures }),
        armFigure({ scenario, figure: 'sockets and presence back to every user', unit: 'ms', passes, metric: (v) => v.presenceConvergedMs, target: TARGETS.presenceConverged(PRESENCE_TTL_MS) }),
        armFigure({ scenario, figure: 'unhandled rejections on the server (cumulative)', unit: '', passes, metric: (v) => v.unhandledRejections, target: TARGETS.noFailures }),
      ],
      notes: [
        `${clients} clients over ${TENANTS.length} tenants; the server closes every transport; times from the first drop the generator sees. bare has no presence: its row is sockets only.`,
      ],
    };
  },
};
