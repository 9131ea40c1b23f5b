import { KeyPart } from './presence-keys';

/*
 * Lua scripts of the Redis presence store. Each operation is one script, so every decision about
 * a first or last connection is made atomically inside Redis: two processes racing on one user
 * can never both (or neither) see the transition.
 *
 * Time is always Redis `TIME`, never the node's clock, so skewed nodes agree on expiry. A
 * connection is live while its expiry is in the future; queries ignore the others at once,
 * and the sweep deletes them later.
 *
 * Transitions follow the stored entries, expired or not: a user "enters" a scope when it gets its
 * first entry there and "leaves" when its last entry is deleted (by a remove or by the sweep).
 * So every enter is paired with exactly one leave even when entries expire in between.
 *
 * Dynamic keys (`u:`, `c:`, `r:`) are built from the tenant base passed in ARGV; they carry the
 * same `{tenantId}` hash tag as the declared keys, hence live in the declared slot.
 */

const user = `':${KeyPart.user}:'`;
const connectionRooms = `':${KeyPart.connectionRooms}:'`;
const room = `':${KeyPart.room}:'`;

/** Clock and record helpers every script uses. */
const common = `
local function nowMs()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function fmt(n)
  return string.format('%.0f', n)
end
-- Records are '<ms>:<userId>'; the user id is everything after the first ':'.
local function parseRecord(record)
  local sep = string.find(record, ':', 1, true)
  return string.sub(record, sep + 1), tonumber(string.sub(record, 1, sep - 1))
end
-- Profiles are '<sinceMs>:<connections>:<metaJson>'.
local function parseProfile(profile)
  local a = string.find(profile, ':', 1, true)
  local b = string.find(profile, ':', a + 1, true)
  return tonumber(string.sub(profile, 1, a - 1)), tonumber(string.sub(profile, a + 1, b - 1)), string.sub(profile, b + 1)
end
local function formatProfile(since, connections, meta)
  return fmt(since) .. ':' .. fmt(connections) .. ':' .. meta
end
-- The earliest time one of the connections (every step-th item of the list) was added.
local function earliestAdded(connectionsKey, connections, step, now)
  local since = now
  for i = 1, #connections, step do
    local record = redis.call('HGET', connectionsKey, connections[i])
    if record then
      local _, addedAt = parseRecord(record)
      if addedAt < since then since = addedAt end
    end
  end
  return since
end
local function ownedBy(record, userId)
  return record and parseRecord(record) == userId
end
local function anyConnectionIn(roomMembersKey, connections, step)
  for i = 1, #connections, step do
    if redis.call('HEXISTS', roomMembersKey, connections[i]) == 1 then return true end
  end
  return false
end
`;

/**
 * Deleting connections, shared by remove and sweep. Both declare KEYS = conns, exp, users, profiles.
 * `dropWithExpired` returns { wentOffline, metaJson, roomsLeft } and rewrites the user's profile.
 */
const deletion = `
local function dropConnection(base, connectionId, userKey, dropped)
  redis.call('HDEL', KEYS[1], connectionId)
  redis.call('ZREM', KEYS[2], connectionId)
  redis.call('ZREM', userKey, connectionId)
  local roomsKey = base .. ${connectionRooms} .. connectionId
  for _, member in ipairs(redis.call('SMEMBERS', roomsKey)) do
    redis.call('HDEL', base .. ${room} .. member, connectionId)
    if not dropped.seen[member] then
      dropped.seen[member] = true
      dropped.rooms[#dropped.rooms + 1] = member
    end
  end
  redis.call('DEL', roomsKey)
end
-- Drops a connection and every expired one of the same user, so a user's dead entries go in one
-- step and the user is reported once.
local function dropWithExpired(base, connectionId, userId, now)
  local userKey = base .. ${user} .. userId
  local dropped = { seen = {}, rooms = {} }
  dropConnection(base, connectionId, userKey, dropped)
  for _, other in ipairs(redis.call('ZRANGEBYSCORE', userKey, '-inf', now)) do
    dropConnection(base, other, userKey, dropped)
  end
  local meta = '{}'
  local profile = redis.call('HGET', KEYS[4], userId)
  if profile then
    local _, _, profileMeta = parseProfile(profile)
    meta = profileMeta
  end
  local remaining = redis.call('ZRANGE', userKey, 0, -1, 'WITHSCORES')
  if #remaining == 0 then
    redis.call('ZREM', KEYS[3], userId)
    redis.call('HDEL', KEYS[4], userId)
    return { 1, meta, dropped.rooms }
  end
  redis.call('ZADD', KEYS[3], remaining[#remaining], userId)
  local since = earliestAdded(KEYS[1], remaining, 2, now)
  redis.call('HSET', KEYS[4], userId, formatProfile(since, #remaining / 2, meta))
  local left = {}
  for _, member in ipairs(dropped.rooms) do
    if not anyConnectionIn(base .. ${room} .. member, remaining, 2) then left[#left + 1] = member end
  end
  return { 0, meta, left }
end
`;

/** KEYS conns, exp, users, profiles, userKey · ARGV connectionId, userId, metaJson, ttlMs → 1 when the user came online. */
export const ADD_CONNECTION = `${common}
local now = nowMs()
local expiry = now + tonumber(ARGV[4])
local connectionId, userId = ARGV[1], ARGV[2]
local record = redis.call('HGET', KEYS[1], connectionId)
if record and not ownedBy(record, userId) then return 0 end
local profile = redis.call('HGET', KEYS[4], userId)
local since, connections = now, 0
if profile then since, connections = parseProfile(profile) end
if not record then
  connections = connections + 1
  redis.call('HSET', KEYS[1], connectionId, fmt(now) .. ':' .. userId)
end
redis.call('ZADD', KEYS[2], expiry, connectionId)
redis.call('ZADD', KEYS[5], expiry, connectionId)
redis.call('ZADD', KEYS[3], 'GT', expiry, userId)
redis.call('HSET', KEYS[4], userId, formatProfile(since, connections, ARGV[3]))
if profile then return 0 end
return 1
`;

/** KEYS conns, exp, users, profiles · ARGV base, connectionId, userId → { wentOffline, metaJson, roomsLeft }. */
export const REMOVE_CONNECTION = `${common}${deletion}
local record = redis.call('HGET', KEYS[1], ARGV[2])
if not ownedBy(record, ARGV[3]) then return { 0, '{}', {} } end
return dropWithExpired(ARGV[1], ARGV[2], ARGV[3], nowMs())
`;

/** KEYS conns, userKey, connectionRoomsKey, roomMembersKey · ARGV connectionId, userId, roomMember → 1 when entered. */
export const JOIN_ROOM = `${common}
if not ownedBy(redis.call('HGET', KEYS[1], ARGV[1]), ARGV[2]) then return 0 end
if redis.call('SADD', KEYS[3], ARGV[3]) == 0 then return 0 end
local entered = 1
if anyConnectionIn(KEYS[4], redis.call('ZRANGE', KEYS[2], 0, -1), 1) then entered = 0 end
redis.call('HSET', KEYS[4], ARGV[1], fmt(nowMs()) .. ':' .. ARGV[2])
return entered
`;

/** KEYS conns, userKey, connectionRoomsKey, roomMembersKey · ARGV connectionId, userId, roomMember → 1 when left. */
export const LEAVE_ROOM = `${common}
if not ownedBy(redis.call('HGET', KEYS[1], ARGV[1]), ARGV[2]) then return 0 end
if redis.call('SREM', KEYS[3], ARGV[3]) == 0 then return 0 end
redis.call('HDEL', KEYS[4], ARGV[1])
if anyConnectionIn(KEYS[4], redis.call('ZRANGE', KEYS[2], 0, -1), 1) then return 0 end
return 1
`;

/**
 * KEYS exp, users · ARGV base, ttlMs, then connectionId/userId pairs → the connections that no
 * longer exist. Only existing entries are extended, so a refresh racing a remove (or a sweep)
 * never brings a connection back.
 */
export const REFRESH_CONNECTIONS = `${common}
local expiry = nowMs() + tonumber(ARGV[2])
local missing = {}
for i = 3, #ARGV, 2 do
  local connectionId, userId = ARGV[i], ARGV[i + 1]
  if redis.call('ZSCORE', KEYS[1], connectionId) then
    redis.call('ZADD', KEYS[1], expiry, connectionId)
    redis.call('ZADD', ARGV[1] .. ${user} .. userId, 'XX', expiry, connectionId)
    redis.call('ZADD', KEYS[2], 'GT', expiry, userId)
  else
    missing[#missing + 1] = connectionId
  end
end
return missing
`;

/**
 * KEYS conns, exp, users, profiles · ARGV base, limit → { connections left, expired found,
 * { { userId, wentOffline, metaJson, roomsLeft }, ... } }. At most `limit` expired connections are
 * looked at per call, so one call never blocks Redis for long.
 */
export const SWEEP_EXPIRED = `${common}${deletion}
local now = nowMs()
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, tonumber(ARGV[2]))
local reports = {}
for _, connectionId in ipairs(expired) do
  local record = redis.call('HGET', KEYS[1], connectionId)
  if record then
    local userId = parseRecord(record)
    local settled = dropWithExpired(ARGV[1], connectionId, userId, now)
    reports[#reports + 1] = { userId, settled[1], settled[2], settled[3] }
  else
    -- Already dropped with an earlier connection of its user.
    redis.call('ZREM', KEYS[2], connectionId)
  end
end
return { redis.call('ZCARD', KEYS[2]), #expired, reports }
`;

/**
 * KEYS conns, exp, profiles · ARGV base → { HGETALL of profiles, flat userId, liveConnections,
 * liveSinceMs corrections }. Profiles count every entry; only users with an expired entry not yet
 * swept (rare: a process died moments ago) need their live connections worked out one by one.
 */
export const ONLINE = `${common}
local now = nowMs()
local corrections, seen = {}, {}
for _, connectionId in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)) do
  local record = redis.call('HGET', KEYS[1], connectionId)
  if record then
    local userId = parseRecord(record)
    if not seen[userId] then
      seen[userId] = true
      local live = redis.call('ZRANGEBYSCORE', ARGV[1] .. ${user} .. userId, '(' .. fmt(now), '+inf')
      corrections[#corrections + 1] = userId
      corrections[#corrections + 1] = #live
      corrections[#corrections + 1] = earliestAdded(KEYS[1], live, 1, now)
    end
  end
end
return { redis.call('HGETALL', KEYS[3]), corrections }
`;

/**
 * KEYS roomMembersKey, exp, profiles → flat userId, connections, sinceMs, profile of users live in the
 * room. Expiries are looked up only when the tenant has an expired entry at all.
 */
export const IN_ROOM = `${common}
local now = nowMs()
local oldest = redis.call('ZRANGE', KEYS[2], 0, 0, 'WITHSCORES')
local anyExpired = #oldest > 0 and tonumber(oldest[2]) <= now
local entries = redis.call('HGETALL', KEYS[1])
local order, byUser = {}, {}
for i = 1, #entries, 2 do
  local live = true
  if anyExpired then
    local expiry = redis.call('ZSCORE', KEYS[2], entries[i])
    live = expiry and tonumber(expiry) > now
  end
  if live then
    local userId, joinedAt = parseRecord(entries[i + 1])
    local member = byUser[userId]
    if not member then
      member = { count = 0, since = joinedAt }
      byUser[userId] = member
      order[#order + 1] = userId
    end
    member.count = member.count + 1
    if joinedAt < member.since then member.since = joinedAt end
  end
end
local members = {}
for _, userId in ipairs(order) do
  members[#members + 1] = userId
  members[#members + 1] = byUser[userId].count
  members[#members + 1] = byUser[userId].since
  members[#members + 1] = redis.call('HGET', KEYS[3], userId) or '0:0:{}'
end
return members
`;

/** KEYS users → how many users have a live connection. */
export const COUNT = `${common}
return redis.call('ZCOUNT', KEYS[1], '(' .. fmt(nowMs()), '+inf')
`;

/** KEYS users · ARGV userId → 1 when the user has a live connection. */
export const IS_ONLINE = `${common}
local expiry = redis.call('ZSCORE', KEYS[1], ARGV[1])
if expiry and tonumber(expiry) > nowMs() then return 1 end
return 0
`;

/** KEYS tenant index → the tenants the sweep visits. */
export const INDEXED_TENANTS = `return redis.call('ZRANGE', KEYS[1], 0, -1)`;

/**
 * KEYS tenant index · ARGV ttlMs, tenantIds → nothing. Keeps each tenant in the index at least
 * until now + ttlMs, past the expiry of any connection added or refreshed alongside.
 */
export const REGISTER_TENANTS = `${common}
local keepUntil = nowMs() + tonumber(ARGV[1])
for i = 2, #ARGV do
  redis.call('ZADD', KEYS[1], 'GT', keepUntil, ARGV[i])
end
return 0
`;

/**
 * KEYS tenant index · ARGV tenantId → 1 when dropped. Called after a sweep found the tenant empty;
 * a tenant registered since (by a new connection) is kept, because its time is in the future.
 */
export const UNREGISTER_TENANT = `${common}
local keepUntil = redis.call('ZSCORE', KEYS[1], ARGV[1])
if keepUntil and tonumber(keepUntil) < nowMs() then
  redis.call('ZREM', KEYS[1], ARGV[1])
  return 1
end
return 0
`;
