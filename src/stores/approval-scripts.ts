/**
 * The Lua scripts that make each approval decision happen once. Every script touches only the keys of
 * one request, which share the hash tag `{apr:<id>}` (one Cluster slot). Times and lease ends are
 * computed by the caller and passed as strings, so Lua never formats a large number.
 */

/** KEYS[1] request hash; ARGV field/value pairs. 1 when created, 0 when it already existed (SET NX). */
export const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

/**
 * pending -> deciding, with a lease. KEYS[1] hash, KEYS[2] requesters set; ARGV user, action, reason,
 * token, leaseUntilMs. Returns 'ok', 'self' (a workflow requester), 'missing' or the current state.
 */
export const BEGIN_DECISION = `
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return 'missing' end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 'self' end
if state ~= 'pending' then return state end
redis.call('HSET', KEYS[1], 'state', 'deciding', 'leaseBy', ARGV[1], 'leaseAction', ARGV[2],
  'leaseReason', ARGV[3], 'leaseToken', ARGV[4], 'leaseUntil', ARGV[5])
redis.call('HDEL', KEYS[1], 'lastError')
redis.call('HINCRBY', KEYS[1], 'version', 1)
return 'ok'
`;

/**
 * The final state. KEYS[1] hash, KEYS[2..4] copies, executions, requesters (they expire with it);
 * ARGV token, state, decidedBy, decidedAt, reason, ttlSeconds, observedStatus.
 * With a token: allowed while that lease holds the request, or when it is pending again (the cloud
 * action went through after a reconciliation). Without a token: only from pending. Returns 'ok',
 * 'missing' or the current state.
 */
export const FINISH = `
local state = redis.call('HGET', KEYS[1], 'state')
if not state then return 'missing' end
local allowed = state == 'pending'
if ARGV[1] ~= '' and state == 'deciding' and redis.call('HGET', KEYS[1], 'leaseToken') == ARGV[1] then
  allowed = true
end
if not allowed then return state end
redis.call('HSET', KEYS[1], 'state', ARGV[2], 'decidedBy', ARGV[3], 'decidedAt', ARGV[4], 'reason', ARGV[5],
  'observedStatus', ARGV[7])
redis.call('HDEL', KEYS[1], 'leaseToken', 'leaseUntil', 'leaseBy', 'leaseAction', 'leaseReason', 'lastError',
  'postClaimUntil')
redis.call('HINCRBY', KEYS[1], 'version', 1)
for i = 1, #KEYS do redis.call('EXPIRE', KEYS[i], ARGV[6]) end
return 'ok'
`;

/** deciding -> pending, fenced by the lease token. KEYS[1] hash; ARGV token, error (may be ''). */
export const ABORT_DECISION = `
if redis.call('HGET', KEYS[1], 'state') ~= 'deciding' then return 0 end
if redis.call('HGET', KEYS[1], 'leaseToken') ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'state', 'pending')
redis.call('HDEL', KEYS[1], 'leaseToken', 'leaseUntil', 'leaseBy', 'leaseAction', 'leaseReason')
if ARGV[2] ~= '' then redis.call('HSET', KEYS[1], 'lastError', ARGV[2]) else redis.call('HDEL', KEYS[1], 'lastError') end
redis.call('HINCRBY', KEYS[1], 'version', 1)
return 1
`;

/**
 * Claims the first post of a request for a while. KEYS[1] hash; ARGV nowMs, untilMs. 1 when this caller
 * must post; 0 when it was posted, is final, or another caller's claim still runs.
 */
export const CLAIM_POST = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
if redis.call('HEXISTS', KEYS[1], 'postedAt') == 1 then return 0 end
local state = redis.call('HGET', KEYS[1], 'state')
if state ~= 'pending' and state ~= 'deciding' then return 0 end
local claim = tonumber(redis.call('HGET', KEYS[1], 'postClaimUntil') or '0')
if claim > tonumber(ARGV[1]) then return 0 end
redis.call('HSET', KEYS[1], 'postClaimUntil', ARGV[2])
return 1
`;

/** Records the posted copies. KEYS[1] hash, KEYS[2] copies; ARGV nowMs, then copies as "channel ts". */
export const RECORD_POSTED = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
for i = 2, #ARGV do redis.call('SADD', KEYS[2], ARGV[i]) end
if redis.call('HEXISTS', KEYS[1], 'postedAt') == 0 then redis.call('HSET', KEYS[1], 'postedAt', ARGV[1]) end
redis.call('HDEL', KEYS[1], 'postClaimUntil')
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
