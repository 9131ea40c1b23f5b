// B6 — presence at N online in one tenant, on the library's Redis store. Query latency through
// RealtimeService.presence against plain ioredis calls doing the same Redis work on the same keys
// (arms/raw-presence.mjs), interleaved; Redis round trips per connect, per refresh interval and
// per disconnect (INFO commandstats: every script call is one round trip); Redis CPU; and the
// time until the users of a kill -9'ed client process are gone from presence.
import { setTimeout as sleep } from 'node:timers/promises';
import { decodeHistogram, summarizeMs } from '../lib/histogram.mjs';
import { identities, MAIN_TENANT } from '../lib/identities.mjs';
import { stopProcess } from '../lib/processes.mjs';
import { runInterleaved } from '../lib/schedule.mjs';
import { armFigure, target, valueFigure } from '../report/figures.mjs';
import { passProblems } from '../report/rules.mjs';
import { TARGETS } from '../report/targets.mjs';

/** Query name in the report → name in PresenceQueries / raw-presence.mjs. */
const QUERIES = [
  { op: 'count', label: 'count' },
  { op: 'isOnline', label: 'isOnline(user)' },
  { op: 'page', label: 'list, one page of 100' },
  { op: 'online', label: 'list, all' },
];
const PAGE_UNAVAILABLE = 'the library has no paged presence query (PresenceQueries offers online, count, isOnline, inRoom)';

/** Script calls (round trips) and all commands, including those run inside scripts. */
function tally(calls) {
  const scripts = (calls.evalsha ?? 0) + (calls.eval ?? 0);
  const commands = Object.entries(calls).reduce((sum, [name, count]) => (name === 'info' ? sum : sum + count), 0);
  return { scripts, commands };
}

export default {
  id: 'B6',
  title: 'Presence queries and Redis work',
  async run(ctx) {
    const { online, calls, ttlMs, killFraction } = ctx.params.b6;
    const redis = await ctx.run.redis();
    const refreshMs = Math.round(ttlMs / 3);
    const server = await ctx.scope.server('library', { presence: 'redis', presenceTtlMs: ttlMs }, { sockets: online, label: 'library-redis' });
    const victims = Math.max(1, Math.round(online * killFraction));
    const steady = online - victims;
    const generator = await ctx.scope.generator({ sockets: steady });
    const doomed = await ctx.scope.generator({ sockets: victims, label: 'generator-killed' });
    const usage = async () => tally(await redis.commandCalls());

    // Scripts load on first use (NOSCRIPT, then EVAL): a short wave first, so the counts below are the steady state.
    await generator.call('connect', { port: server.port, namespace: ctx.namespace, people: { count: 20, prefix: 'warm-' }, inFlight: 10 });
    await generator.call('close', {});
    await server.call('waitIdle', { tenants: [MAIN_TENANT] });
    const beforeConnect = await usage();
    const connected = await generator.call('connect', { port: server.port, namespace: ctx.namespace, people: { count: steady }, inFlight: 100 }, 300_000);
    const connectedDoomed = await doomed.call('connect', { port: server.port, namespace: ctx.namespace, people: { count: victims, from: steady }, inFlight: 100 }, 300_000);
    await server.call('waitSockets', { count: online });
    const afterConnect = await usage();
    const failed = connected.failed + connectedDoomed.failed;

    // Two refresh intervals with nothing else happening: refreshes and sweeps only.
    const quietMs = 2 * refreshMs;
    const cpuBefore = await redis.cpuSeconds();
    await sleep(quietMs);
    const afterQuiet = await usage();
    const idleRedisCpu = ((await redis.cpuSeconds()) - cpuBefore) / (quietMs / 1000);

    const userIds = identities({ count: online }).map((person) => person.userId);
    const queryPasses = {};
    let queryRedisCpu = 0;
    let queryWallSeconds = 0;
    for (const { op, label } of QUERIES) {
      ctx.log(`${label}`);
      queryPasses[op] = await runInterleaved(['bare', 'library'], ctx.params.passes, async (arm, step) => {
        const cpu = await redis.cpuSeconds();
        const started = Date.now();
        const result = await server.call('presenceQuery', { impl: arm === 'bare' ? 'raw' : 'library', op, tenantId: MAIN_TENANT, userIds, calls: step.warmup ? Math.ceil(calls / 4) : calls }, 300_000);
        queryRedisCpu += (await redis.cpuSeconds()) - cpu;
        queryWallSeconds += (Date.now() - started) / 1000;
        if (!result) return ctx.pass({ arm: `${arm === 'bare' ? 'raw' : 'library'}/${op}`, step, values: { p50: null, p99: null } });
        const latency = summarizeMs(decodeHistogram(result.histogram));
        const problems = op === 'count' && result.lastResult !== online ? [`count answered ${result.lastResult}, ${online} online`] : [];
        return ctx.pass({ arm: `${arm === 'bare' ? 'raw' : 'library'}/${op}`, step, values: { p50: latency.p50, p99: latency.p99, size: result.lastResult }, histograms: { latency: result.histogram }, problems });
      });
    }

    // Disconnects: drop a tenth of the steady clients cleanly.
    const leaving = Math.max(1, Math.round(steady / 10));
    const beforeLeave = await usage();
    await generator.call('close', { count: leaving });
    await server.call('waitSockets', { count: online - leaving });
    await sleep(200);
    const afterLeave = await usage();

    // Ghosts: kill -9 the process holding the victims; their users must leave presence.
    const expected = online - leaving - victims;
    const killedAt = Date.now();
    await stopProcess(doomed.child, 'SIGKILL');
    let ghostsGoneMs = null;
    while (Date.now() - killedAt < 2 * ttlMs + 5_000) {
      const { count } = await server.call('presenceCount', { tenantId: MAIN_TENANT });
      if (count === expected) {
        ghostsGoneMs = Date.now() - killedAt;
        break;
      }
      await sleep(50);
    }

    const perConnect = (afterConnect.scripts - beforeConnect.scripts) / online;
    const perConnection = (afterQuiet.scripts - afterConnect.scripts) / online / 2;
    const perDisconnect = (afterLeave.scripts - beforeLeave.scripts) / leaving;
    const problems = passProblems({ failedHandshakes: failed });
    const scenario = 'B6';
    const rows = [];
    for (const { op, label } of QUERIES) {
      const passes = { bare: queryPasses[op].bare, library: queryPasses[op].library };
      const unavailable = op === 'page' ? PAGE_UNAVAILABLE : undefined;
      rows.push(armFigure({ scenario, figure: `${label} p50 (raw ioredis as bare)`, unit: 'ms', passes, metric: (v) => v.p50, target: TARGETS.presenceP50, unavailable }));
      rows.push(
        armFigure({ scenario, figure: `${label} p99 (raw ioredis as bare)`, unit: 'ms', passes, metric: (v) => v.p99, target: target('library', '<=', TARGETS.presenceP99Floor[op], { unit: 'ms', source: 'BENCHMARKS.md' }), unavailable }),
      );
    }
    rows.push(
      valueFigure({ scenario, figure: 'Redis round trips per connect', unit: '', library: perConnect, target: TARGETS.presenceConnectTrips, problems }),
      valueFigure({ scenario, figure: 'Redis commands per connect (inside scripts too)', unit: '', library: (afterConnect.commands - beforeConnect.commands) / online, problems }),
      valueFigure({ scenario, figure: `Redis round trips per connection per refresh interval (${refreshMs} ms, refresh + sweep)`, unit: '', library: perConnection, target: TARGETS.presenceHeartbeatTrips, problems }),
      valueFigure({ scenario, figure: 'Redis round trips per disconnect', unit: '', library: perDisconnect, problems }),
      valueFigure({ scenario, figure: `Redis CPU at ${online} online, idle`, unit: '%', library: idleRedisCpu * 100, problems }),
      valueFigure({ scenario, figure: 'Redis CPU during the query loops', unit: '%', library: queryWallSeconds > 0 ? (queryRedisCpu / queryWallSeconds) * 100 : null, problems }),
      valueFigure({
        scenario,
        figure: `users of a kill -9'ed client process gone from presence (${victims} clients)`,
        unit: 'ms',
        library: ghostsGoneMs,
        target: TARGETS.ghostsGone(ttlMs),
        problems: ghostsGoneMs === null ? [...problems, `presence still counted them after ${2 * ttlMs + 5_000} ms`] : problems,
      }),
    );
    return {
      rows,
      notes: [
        `${online} users online in ${MAIN_TENANT} on the library's Redis store (ttlMs ${ttlMs}, refresh every ${refreshMs} ms); ${calls} sequential calls per pass, from the server process.`,
        'bare = plain ioredis on the keys the library wrote: count = ZCOUNT, isOnline = ZSCORE, list all = ZRANGEBYSCORE of expired entries + HGETALL of profiles (pipelined), page = ZRANGEBYSCORE LIMIT + HMGET.',
        `Killed clients: a separate generator process holding ${victims} clients, killed with SIGKILL; the kernel closes their sockets, so the server sees disconnects.`,
      ],
    };
  },
};
