// B6's baseline: plain ioredis calls doing the same Redis work as the library's presence queries,
// on the keys the library wrote. The layout mirrors packages/nest/src/presence/presence-keys.ts:
// `<prefix>:{<tenantId>}:users` is a ZSET userId → latest expiry (ms), `...:profiles` a HASH
// userId → `<sinceMs>:<connections>:<metaJson>`, `...:exp` a ZSET connectionId → expiry. The
// library reads the clock with Redis TIME inside its scripts; this baseline uses the node's
// clock, which on one machine is the same clock.

/** The raw equivalent of each presence query, or `undefined` where the library has none. */
export function rawPresenceQueries(redis, prefix) {
  const key = (tenantId, part) => `${prefix}:{${tenantId}}:${part}`;
  const members = (pairs) => {
    const result = [];
    for (let i = 0; i + 1 < pairs.length; i += 2) result.push({ userId: pairs[i], ...parseProfile(pairs[i + 1]) });
    return result;
  };
  return {
    count: (tenantId) => redis.zcount(key(tenantId, 'users'), `(${Date.now()}`, '+inf'),
    isOnline: async (tenantId, userId) => Number(await redis.zscore(key(tenantId, 'users'), userId)) > Date.now(),
    /** Every online user with profile: the expired-entry probe and one HGETALL, pipelined (one round trip). */
    online: async (tenantId) => {
      const [[, expired], [, profiles]] = await redis
        .pipeline()
        .zrangebyscore(key(tenantId, 'exp'), '-inf', Date.now())
        .hgetall(key(tenantId, 'profiles'))
        .exec();
      // As in the library: users with an expired entry not yet swept would be corrected one by one; none are here.
      if (expired.length > 0) throw new Error(`raw presence: ${expired.length} expired entries in ${tenantId}; the sweep has not run`);
      return Object.entries(profiles).map(([userId, profile]) => ({ userId, ...parseProfile(profile) }));
    },
    /** One page of 100 online users with profiles: a range of the users ZSET, then HMGET of their profiles. */
    page: async (tenantId, _userId, size = 100) => {
      const userIds = await redis.zrangebyscore(key(tenantId, 'users'), `(${Date.now()}`, '+inf', 'LIMIT', 0, size);
      if (userIds.length === 0) return [];
      const profiles = await redis.hmget(key(tenantId, 'profiles'), ...userIds);
      return members(userIds.flatMap((userId, index) => [userId, profiles[index] ?? '0:0:{}']));
    },
  };
}

function parseProfile(profile) {
  const a = profile.indexOf(':');
  const b = profile.indexOf(':', a + 1);
  return { since: Number(profile.slice(0, a)), connections: Number(profile.slice(a + 1, b)), meta: JSON.parse(profile.slice(b + 1)) };
}
