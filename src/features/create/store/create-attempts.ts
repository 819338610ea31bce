/**
 * Attempts to create a service from a draft, in Redis. An attempt is claimed with `SET NX` on a key
 * named after the draft and the review it came from, so a double submit, a Slack retry or a second
 * replica finds the claim and starts nothing. Whoever runs an attempt holds its lease (a key with a
 * short expiry, renewed while it works); every write of the attempt is fenced by that lease, so a
 * worker that lost it can no longer change anything. An index of active attempts lets a job resume
 * the ones whose worker died (its lease expired) after a restart.
 */
import { z } from 'zod';
import { BACKEND_TYPES, draftValuesSchema } from '../../../domain/endpoint-service-spec.js';
import { SLACK_ID_SOURCE } from '../../../domain/slack-ids.js';
import type { Keys } from '../../../redis/keys.js';
import { type RedisClient, withState } from '../../../redis/redis-connection.js';
import { draftLabelsSchema } from './drafts.js';

export const ATTEMPT_TTL_SECONDS = 7 * 86_400;

/**
 * `pending`: claimed, the create request not yet confirmed; `creating`: the cloud knows the service
 * and is building it; `configuring`: available, whitelist and records next; `done`: available and
 * recorded; `failed`: no service, or a failed one; `unknown`: the cloud never confirmed the create and
 * no service it provably made was found (the creator and the admins are told to check). `notified`
 * says who has been told about the last three.
 */
export const ATTEMPT_STATES = ['pending', 'creating', 'configuring', 'done', 'failed', 'unknown'] as const;
export type AttemptState = (typeof ATTEMPT_STATES)[number];

const specSchema = z.object({
  projectId: z.string(),
  name: z.string().optional(),
  vpcId: z.string(),
  serviceType: z.literal('interface'),
  approvalEnabled: z.boolean(),
  backendType: z.enum(BACKEND_TYPES),
  portId: z.string(),
  ports: z.array(z.object({ servicePort: z.number(), terminalPort: z.number() })),
  tags: z.array(z.object({ key: z.string(), value: z.string() })),
  description: z.string().optional(),
  owners: z.object({ users: z.array(z.string()), groups: z.array(z.string()) }),
  approvalChannel: z.string().optional(),
  whitelist: z.array(z.string()),
});

export const attemptSchema = z.object({
  id: z.string(),
  teamId: z.string(),
  userId: z.string(),
  draftId: z.string(),
  /** The draft's revision when Create was pressed: a draft saved since shows something newer. */
  draftRevision: z.number().int().optional(),
  region: z.string(),
  spec: specSchema,
  /** The draft as submitted, so "Edit and retry" can restore it. */
  values: draftValuesSchema,
  labels: draftLabelsSchema,
  channelId: z.string().optional(),
  responseUrl: z.string().optional(),
  responseUrlAt: z.number().optional(),
  /** The modal showing the progress, while it may be open. */
  viewId: z.string().optional(),
  state: z.enum(ATTEMPT_STATES),
  /** True once the create request may have reached the cloud: a resume looks before creating. */
  sent: z.boolean().default(false),
  /**
   * The create request was sent and the cloud never confirmed it (a timeout, a gateway error): it may
   * still land, so it is never sent again; the service is looked for until the retry window ends.
   */
  unconfirmed: z.boolean().optional(),
  serviceId: z.string().optional(),
  serviceName: z.string().optional(),
  /** Why it failed: the cloud's code and message, or the bot's explanation. */
  error: z.object({ code: z.string().optional(), message: z.string() }).optional(),
  /** The whitelist could not be applied (the service exists regardless). */
  whitelistProblem: z.string().optional(),
  /** How the announcement in the command's channel went. */
  announcement: z
    .object({ channel: z.string(), ts: z.string().optional(), problem: z.string().optional() })
    .optional(),
  notified: z
    .object({
      modal: z.boolean().optional(),
      dm: z.boolean().optional(),
      announce: z.boolean().optional(),
      /** The admins were told of an `unknown` outcome. */
      admins: z.boolean().optional(),
      /** The admins tried so far (each recorded once tried, so a restart tells only the others). */
      adminsTold: z.array(z.string()).optional(),
    })
    .default({}),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Attempt = z.infer<typeof attemptSchema>;

/** Names one attempt: whose, and which (draft id + review id). */
export interface AttemptRef {
  readonly teamId: string;
  readonly userId: string;
  readonly id: string;
}

/** Text form of a ref (button values, logs); team and user IDs never contain `:`. */
export function formatAttemptRef(ref: AttemptRef): string {
  return `${ref.teamId}:${ref.userId}:${ref.id}`;
}

const ATTEMPT_REF = new RegExp(`^(${SLACK_ID_SOURCE}):(${SLACK_ID_SOURCE}):([A-Za-z0-9.]+)$`);

export function parseAttemptRef(text: string): AttemptRef | undefined {
  const match = ATTEMPT_REF.exec(text);
  return match?.[1] && match[2] && match[3]
    ? { teamId: match[1], userId: match[2], id: match[3] }
    : undefined;
}

export type ClaimResult =
  | { readonly claimed: true; readonly attempt: Attempt }
  | { readonly claimed: false; readonly attempt: Attempt | undefined };

export interface ActiveAttempt {
  readonly ref: AttemptRef;
  readonly sinceMs: number;
}

export interface CreateAttempts {
  /** Claims the attempt (first caller wins) and gives its lease to `leaseToken`. */
  claim(attempt: Attempt, leaseToken: string, leaseMs: number): Promise<ClaimResult>;
  get(ref: AttemptRef): Promise<Attempt | undefined>;
  /** Saves while `leaseToken` holds the lease; false when the lease is lost. */
  save(attempt: Attempt, leaseToken: string): Promise<boolean>;
  /** Takes a free lease. */
  acquire(ref: AttemptRef, leaseToken: string, leaseMs: number): Promise<boolean>;
  /** Extends a held lease; false when it is lost. */
  renew(ref: AttemptRef, leaseToken: string, leaseMs: number): Promise<boolean>;
  release(ref: AttemptRef, leaseToken: string): Promise<void>;
  /** Attempts not yet retired, oldest first. */
  active(limit: number): Promise<ActiveAttempt[]>;
  /** Removes the attempt from the active index (it stays readable until it expires). */
  retire(ref: AttemptRef): Promise<void>;
}

/** KEYS: attempt, lease. ARGV: json, ttl seconds, lease token, lease ms. */
const CLAIM_SCRIPT = `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'EX', ARGV[2]) then return 0 end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
return 1
`;

/** KEYS: attempt, lease. ARGV: json, lease token. */
const SAVE_SCRIPT = `
if redis.call('GET', KEYS[2]) ~= ARGV[2] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'KEEPTTL')
return 1
`;

/** KEYS: lease. ARGV: token, ms. */
const RENEW_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1
`;

/** KEYS: lease. ARGV: token. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

export function createAttempts(redis: RedisClient, keys: Keys): CreateAttempts {
  const tag = (ref: AttemptRef) => `{${ref.teamId}:${ref.userId}}`;
  const attemptKey = (ref: AttemptRef) => keys.key('create', 'attempt', tag(ref), ref.id);
  const leaseKey = (ref: AttemptRef) => keys.key('create', 'lease', tag(ref), ref.id);
  const indexKey = keys.key('create', 'active');
  const parse = (raw: string | null) => {
    if (!raw) return undefined;
    const parsed = attemptSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  };

  return {
    claim: (attempt, leaseToken, leaseMs) =>
      withState(async () => {
        const valid = attemptSchema.parse(attempt);
        // Indexed first: a crash after the claim still leaves the attempt where the resume job looks.
        await redis.zadd(indexKey, 'NX', Date.now(), formatAttemptRef(valid));
        const claimed = await redis.eval(
          CLAIM_SCRIPT,
          2,
          attemptKey(valid),
          leaseKey(valid),
          JSON.stringify(valid),
          String(ATTEMPT_TTL_SECONDS),
          leaseToken,
          String(leaseMs),
        );
        if (claimed === 1) return { claimed: true, attempt: valid };
        return { claimed: false, attempt: parse(await redis.get(attemptKey(valid))) };
      }),
    get: (ref) => withState(async () => parse(await redis.get(attemptKey(ref)))),
    save: (attempt, leaseToken) =>
      withState(async () => {
        const valid = attemptSchema.parse({ ...attempt, updatedAt: new Date().toISOString() });
        const saved = await redis.eval(
          SAVE_SCRIPT,
          2,
          attemptKey(valid),
          leaseKey(valid),
          JSON.stringify(valid),
          leaseToken,
        );
        return saved === 1;
      }),
    acquire: (ref, leaseToken, leaseMs) =>
      withState(async () => (await redis.set(leaseKey(ref), leaseToken, 'PX', leaseMs, 'NX')) === 'OK'),
    renew: (ref, leaseToken, leaseMs) =>
      withState(
        async () => (await redis.eval(RENEW_SCRIPT, 1, leaseKey(ref), leaseToken, String(leaseMs))) === 1,
      ),
    release: (ref, leaseToken) =>
      withState(async () => {
        await redis.eval(RELEASE_SCRIPT, 1, leaseKey(ref), leaseToken);
      }),
    active: (limit) =>
      withState(async () => {
        const flat = await redis.zrange(indexKey, 0, limit - 1, 'WITHSCORES');
        const out: ActiveAttempt[] = [];
        for (let i = 0; i + 1 < flat.length; i += 2) {
          const ref = parseAttemptRef(flat[i] ?? '');
          if (ref) out.push({ ref, sinceMs: Number(flat[i + 1]) });
        }
        return out;
      }),
    retire: (ref) =>
      withState(async () => {
        await redis.zrem(indexKey, formatAttemptRef(ref));
      }),
  };
}
