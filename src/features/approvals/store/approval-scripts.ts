/**
 * The Lua scripts that make each approval decision happen once. Every script touches only the keys of
 * one request, which share the hash tag `{apr:<id>}` (one Cluster slot). Lease and claim ends come from
 * Redis `TIME`, so replicas whose clocks disagree still agree on when a lease runs out; they are written
 * with `%.0f`, so Lua never formats a large number in exponent notation. Display times (`decidedAt`,
 * `postedAt`) are the caller's and passed as strings.
 */

/** Redis' clock in milliseconds, as a Lua number (prepended to the scripts that need it). */
const NOW_MS = `
local clock = redis.call('TIME')
local nowMs = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local function ms(n) return string.format('%.0f', n) end
`;

/** KEYS[1] request hash; ARGV field/value pairs. 1 when created, 0 when it already existed (SET NX). */
export const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

/**
 * pending -> deciding, with a lease of leaseMs from Redis' clock. KEYS[1] hash, KEYS[2] requesters set;
 * ARGV user, action, reason, token, leaseMs. Returns 'ok', 'self' (a workflow requester), 'missing' or
 * the current state.
 */
export const BEGIN_DECISION = `${NOW_MS}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return 'missing' end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 'self' end
if state ~= 'pending' then return state end
redis.call('HSET', KEYS[1], 'state', 'deciding', 'leaseBy', ARGV[1], 'leaseAction', ARGV[2],
  'leaseReason', ARGV[3], 'leaseToken', ARGV[4], 'leaseUntil', ms(nowMs + tonumber(ARGV[5])))
redis.call('HDEL', KEYS[1], 'lastError')
redis.call('HINCRBY', KEYS[1], 'version', 1)
return 'ok'
`;

/**
 * Renews a deciding lease for leaseMs more, from Redis' clock, while its holder still waits for the
 * cloud. KEYS[1] hash; ARGV token, leaseMs. 1 when renewed, 0 when the lease is no longer this token's.
 */
export const RENEW_LEASE = `${NOW_MS}
if redis.call('HGET', KEYS[1], 'state') ~= 'deciding' then return 0 end
if redis.call('HGET', KEYS[1], 'leaseToken') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'leaseUntil', ms(nowMs + tonumber(ARGV[2])))
return 1
`;

/**
 * Lua: whether a deciding request's lease is still too fresh for the poller (ARGV[n] = lapsedBefore, a
 * time on Redis' clock, or '' for the lease holder itself, which is never too fresh).
 */
const leaseTooFresh = (arg: string) => `
local function leaseTooFresh()
  if ARGV[${arg}] == nil or ARGV[${arg}] == '' then return false end
  return tonumber(redis.call('HGET', KEYS[1], 'leaseUntil') or '0') > tonumber(ARGV[${arg}])
end
`;

/**
 * The final state. KEYS[1] hash, KEYS[2..4] copies, executions, requesters (they expire with it);
 * ARGV token, state, decidedBy, decidedAt, reason, ttlSeconds, observedStatus, lapsedBefore.
 * With a token: allowed while that lease holds the request, or when it is pending again (the cloud
 * action went through after a reconciliation). Without a token: only from pending. With lapsedBefore
 * (the poller settling someone else's lease): only when that lease ran out before then, so a lease
 * renewed since the poller read the cloud is left alone. Returns 'ok', 'missing' or the current state.
 */
export const FINISH = `${leaseTooFresh('8')}
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return 'missing' end
local allowed = state == 'pending'
if ARGV[1] ~= '' and state == 'deciding' and redis.call('HGET', KEYS[1], 'leaseToken') == ARGV[1]
  and not leaseTooFresh() then
  allowed = true
end
if not allowed then return state end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'decidedBy', ARGV[3], 'decidedAt', ARGV[4], 'reason', ARGV[5],
  'observedStatus', ARGV[7])
redis.call('HDEL', KEYS[1], 'leaseToken', 'leaseUntil', 'leaseBy', 'leaseAction', 'leaseReason', 'lastError',
  'postClaimUntil', 'postClaimToken')
redis.call('HINCRBY', KEYS[1], 'version', 1)
for i = 1, #KEYS do redis.call('EXPIRE', KEYS[i], ARGV[6]) end
return 'ok'
`;

/**
 * deciding -> pending, fenced by the lease token. KEYS[1] hash; ARGV token, error (may be ''),
 * lapsedBefore ('' for the lease holder; the poller's time on Redis' clock, see FINISH).
 */
export const ABORT_DECISION = `${leaseTooFresh('3')}
if redis.call('HGET', KEYS[1], 'state') ~= 'deciding' then return 0 end
if redis.call('HGET', KEYS[1], 'leaseToken') ~= ARGV[1] then return 0 end
if leaseTooFresh() then return 0 end
redis.call('HSET', KEYS[1], 'state', 'pending')
redis.call('HDEL', KEYS[1], 'leaseToken', 'leaseUntil', 'leaseBy', 'leaseAction', 'leaseReason')
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'lastError', ARGV[2]) else redis.call('HDEL', KEYS[1], 'lastError') end
redis.call('HINCRBY', KEYS[1], 'version', 1)
return 1
`;

/**
 * Claims the first post of a request for claimMs (Redis' clock). KEYS[1] hash; ARGV claimMs, token.
 * 1 when this caller must post; 0 when it was posted, is final, or another caller's claim still runs.
 */
export const CLAIM_POST = `${NOW_MS}
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HEXISTS', KEYS[1], 'postedAt') == 1 then return 0 end
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'pending' and state ~= 'deciding' then return 0 end
local claim = tonumber(redis.call('HGET', KEYS[1], 'postClaimUntil') or '0')
if claim > nowMs then return 0 end
redis.call('HSET', KEYS[1], 'postClaimUntil', ms(nowMs + tonumber(ARGV[1])), 'postClaimToken', ARGV[2])
return 1
`;

/**
 * Extends a post claim while its holder still waits to post (paced, or a 429). KEYS[1] hash; ARGV token,
 * claimMs. 1 when extended; 0 when posted, or the claim is no longer this token's.
 */
export const EXTEND_POST_CLAIM = `${NOW_MS}
if redis.call('HEXISTS', KEYS[1], 'postedAt') == 1 then return 0 end
if redis.call('HGET', KEYS[1], 'postClaimToken') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'postClaimUntil', ms(nowMs + tonumber(ARGV[2])))
return 1
`;

/** Records the posted copies. KEYS[1] hash, KEYS[2] copies; ARGV nowMs, then copies as "channel ts". */
export const RECORD_POSTED = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 2, #ARGV do redis.call('SADD', KEYS[2], ARGV[i]) end
if redis.call('HEXISTS', KEYS[1], 'postedAt') == 0 then redis.call('HSET', KEYS[1], 'postedAt', ARGV[1]) end
redis.call('HDEL', KEYS[1], 'postClaimUntil', 'postClaimToken')
local ttl = redis.call('TTL', KEYS[1])
if ttl > 0 then redis.call('EXPIRE', KEYS[2], ttl) end
return 1
`;

/** Sets a once-only marker (reminder, escalation) while pending. KEYS[1] hash; ARGV field, nowMs. */
export const MARK_ONCE = `
if redis.call('HGET', KEYS[1], 'state') ~= 'pending' then return 0 end
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1
`;

/**
 * Settles a workflow requester whose right could not be checked as the step started. KEYS[1] hash,
 * KEYS[2] requesters; ARGV requester, '1' when they may decide (else they are barred). Only notes still
 * unchecked change, so a settled answer is never overwritten. Returns 1 when something was settled.
 */
export const SETTLE_REQUESTER = `
local raw = redis.call('HGET', KEYS[1], 'workflow')
if not raw then return 0 end
local notes = cjson.decode(raw)
local changed = 0
for _, note in ipairs(notes) do
  if note.requester == ARGV[1] and note.requesterUnchecked then
    note.requesterUnchecked = nil
    if ARGV[2] == '1' then note.requesterMayDecide = true end
    changed = 1
  end
end
if changed == 0 then return 0 end
if ARGV[2] ~= '1' then redis.call('SADD', KEYS[2], ARGV[1]) end
redis.call('HSET', KEYS[1], 'workflow', cjson.encode(notes))
return 1
`;

/**
 * Attaches a workflow execution. KEYS[1] hash, KEYS[2] executions, KEYS[3] requesters; ARGV execution
 * id, execution JSON, requester (may be ''), workflow note JSON. Returns the request's state or 'missing'.
 */
export const ATTACH_EXECUTION = `
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return 'missing' end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return state end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
if ARGV[3] ~= '' then redis.call('SADD', KEYS[3], ARGV[3]) end
local notes = cjson.decode(redis.call('HGET', KEYS[1], 'workflow') or '[]')
if #notes < 10 then
  table.insert(notes, cjson.decode(ARGV[4]))
  redis.call('HSET', KEYS[1], 'workflow', cjson.encode(notes))
end
redis.call('HINCRBY', KEYS[1], 'version', 1)
local ttl = redis.call('TTL', KEYS[1])
if ttl > 0 then
  redis.call('EXPIRE', KEYS[2], ttl)
  redis.call('EXPIRE', KEYS[3], ttl)
end
return state
`;

/**
 * Claims one waiting execution for completion, so a decider, the poller and a workflow joining late
 * never complete it twice. KEYS[1] executions hash, KEYS[2] this execution's completion claim; ARGV
 * execution id, claimMs. Returns the execution JSON, or false when it is gone or claimed already.
 */
export const CLAIM_COMPLETION = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return false end
if not redis.call('SET', KEYS[2], '1', 'NX', 'PX', ARGV[2]) then return false end
return redis.call('HGET', KEYS[1], ARGV[1])
`;
