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
 * Deleting is budgeted: Redis runs one script at a time, so a call that deletes 20,000 room
 * memberships (one socket in that many rooms, or a sweep of a crashed process) would make every
 * tenant wait for it. Remove and sweep delete at most `budget` connections and room memberships
 * per call and say whether work is left; the store calls again until it is done. A connection's
 * rooms go first (SPOP, so no two calls delete the same membership) and the connection itself
 * last, so each room left and each user gone offline is decided, and reported, by exactly one
 * call, and a cut-off cleanup is finished by whoever calls next: the remover, or any sweeper once
 * the connection has expired.
 *
 * Keys: a script declares in KEYS every key it knows before it runs. The keys it finds while it
 * runs (the rooms in a connection's room set, the expired connections of a user or a tenant, and
 * their users) are built from the tenant base passed in ARGV. They carry the same `{tenantId}`
 * hash tag as the declared keys, so they live in the declared slot and the script runs on the
 * right node. Declaring them too would mean reading them in a call before the script, and acting
 * on what another process may have changed in between: the atomic first/last decisions are worth
 * more than the one case undeclared keys leave open in Redis Cluster, a slot migrating while a
 * script runs (the script may then see a moved key as missing; the next refresh and sweep repair
 * the result).
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
 * Budgeted deletion, shared by remove and sweep. Both declare KEYS[1..4] = conns, exp, users,
 * profiles. `dropUser` returns done, wentOffline, metaJson, roomsLeft.
 */
const deletion = `
-- Deletes up to budget.left of a connection's room memberships; true when it has none left.
-- A room is left when no other connection of the user (expired or not) is still in it.
local function drainRooms(base, connectionId, roomsKey, userKey, budget, left)
  if budget.left <= 0 then return redis.call('EXISTS', roomsKey) == 0 end
  local wanted = budget.left
  local members = redis.call('SPOP', roomsKey, wanted)
  if #members == 0 then return true end
  budget.left = budget.left - #members
  local siblings = {}
  for _, other in ipairs(redis.call('ZRANGE', userKey, 0, -1)) do
    if other ~= connectionId then siblings[#siblings + 1] = other end
  end
  for _, member in ipairs(members) do
    local roomKey = base .. ${room} .. member
    redis.call('HDEL', roomKey, connectionId)
    if not anyConnectionIn(roomKey, siblings, 1) then left[#left + 1] = member end
  end
  return #members < wanted or redis.call('EXISTS', roomsKey) == 0
end
local function metaOf(userId)
  local profile = redis.call('HGET', KEYS[4], userId)
  if not profile then return '{}' end
  local _, _, meta = parseProfile(profile)
  return meta
end
-- After some of a user's connections were deleted: 1 when it has none left, else its profile
-- and latest expiry follow the connections that remain.
local function settleUser(userKey, userId, now)
  local remaining = redis.call('ZRANGE', userKey, 0, -1, 'WITHSCORES')
  if #remaining == 0 then
    redis.call('ZREM', KEYS[3], userId)
    redis.call('HDEL', KEYS[4], userId)
    return 1
  end
  redis.call('ZADD', KEYS[3], remaining[#remaining], userId)
  local since = earliestAdded(KEYS[1], remaining, 2, now)
  redis.call('HSET', KEYS[4], userId, formatProfile(since, #remaining / 2, metaOf(userId)))
  return 0
end
-- Deletes every expired connection of the user and then connectionId, each one's rooms first,
-- within the budget: a user's dead entries go in one step (reported once) unless the budget runs
-- out, and done (all of them deleted) means connectionId is gone too.
local function dropUser(base, userId, connectionId, userKey, roomsKey, now, budget)
  local targets = {}
  for _, other in ipairs(redis.call('ZRANGEBYSCORE', userKey, '-inf', now)) do
    if other ~= connectionId then targets[#targets + 1] = other end
  end
  targets[#targets + 1] = connectionId
  local meta = metaOf(userId)
  local left = {}
  local deleted, done = 0, true
  for _, target in ipairs(targets) do
    local targetRooms = roomsKey
    if target ~= connectionId then targetRooms = base .. ${connectionRooms} .. target end
    if budget.left <= 0 or not drainRooms(base, target, targetRooms, userKey, budget, left) then
      done = false
      break
    end
    redis.call('HDEL', KEYS[1], target)
    redis.call('ZREM', KEYS[2], target)
    redis.call('ZREM', userKey, target)
    budget.left = budget.left - 1
    deleted = deleted + 1
  end
  local wentOffline = 0
  if deleted > 0 then wentOffline = settleUser(userKey, userId, now) end
  return done, wentOffline, meta, left
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

/**
 * KEYS conns, exp, users, profiles, userKey, connectionRoomsKey · ARGV base, connectionId, userId,
 * budget → { done, wentOffline, metaJson, roomsLeft }. Call again while `done` is 0.
 */
export const REMOVE_CONNECTION = `${common}${deletion}
if not ownedBy(redis.call('HGET', KEYS[1], ARGV[2]), ARGV[3]) then return { 1, 0, '{}', {} } end
local budget = { left = tonumber(ARGV[4]) }
local done, wentOffline, meta, left = dropUser(ARGV[1], ARGV[3], ARGV[2], KEYS[5], KEYS[6], nowMs(), budget)
return { done and 1 or 0, wentOffline, meta, left }
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
 * KEYS exp, users, then the userKey of each pair · ARGV ttlMs, then connectionId/userId pairs →
 * the connections that no longer exist. Only existing entries are extended, so a refresh racing a
 * remove (or a sweep) never brings a connection back.
 */
export const REFRESH_CONNECTIONS = `${common}
local expiry = nowMs() + tonumber(ARGV[1])
local missing = {}
for i = 2, #ARGV, 2 do
  local connectionId, userId = ARGV[i], ARGV[i + 1]
  if redis.call('ZSCORE', KEYS[1], connectionId) then
    redis.call('ZADD', KEYS[1], expiry, connectionId)
    redis.call('ZADD', KEYS[2 + i / 2], 'XX', expiry, connectionId)
    redis.call('ZADD', KEYS[2], 'GT', expiry, userId)
  else
    missing[#missing + 1] = connectionId
  end
end
return missing
`;

/**
 * KEYS conns, exp, users, profiles · ARGV base, limit, budget → { connections left, more,
 * { { userId, wentOffline, metaJson, roomsLeft }, ... } }. At most `limit` expired connections
 * are looked at and `budget` deletions made per call; `more` is 1 when expired ones may be left.
 * Users whose deletions changed nothing yet (rooms still held by another of their connections,
 * or cut off by the budget before any was left) are not reported.
 */
export const SWEEP_EXPIRED = `${common}${deletion}
local base, limit = ARGV[1], tonumber(ARGV[2])
local budget = { left = tonumber(ARGV[3]) }
local now = nowMs()
local expired = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now, 'LIMIT', 0, limit)
local more = #expired == limit
local reports = {}
for _, connectionId in ipairs(expired) do
  if budget.left <= 0 then
    more = true
    break
  end
  local record = redis.call('HGET', KEYS[1], connectionId)
  if record then
    local userId = parseRecord(record)
    local done, wentOffline, meta, left = dropUser(base, userId, connectionId, base .. ${user} .. userId, base .. ${connectionRooms} .. connectionId, now, budget)
    if wentOffline == 1 or #left > 0 then reports[#reports + 1] = { userId, wentOffline, meta, left } end
    if not done then
      more = true
      break
    end
  else
    -- Already dropped with an earlier connection of its user.
    redis.call('ZREM', KEYS[2], connectionId)
    budget.left = budget.left - 1
  end
end
return { redis.call('ZCARD', KEYS[2]), more and 1 or 0, reports }
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
