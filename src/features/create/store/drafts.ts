/**
 * Drafts of `/vpcep create`: one per team and user, in Redis, saved at every step and expiring 7 days
 * after the last save. A draft is a Redis hash of its JSON and an etag; every write is a
 * compare-and-set on the etag (a Lua script), so two replicas or two clicks never lose each other's
 * change silently: the loser re-reads and applies its change again. The hash also says whether its
 * draft is worth resuming (`resumable`, decided by the feature when it is written), so `/vpcep create`
 * claims the slot for a new draft in one round trip.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { draftValuesSchema } from '../../../domain/endpoint-service-spec.js';
import { SLACK_ID_SOURCE } from '../../../domain/slack-ids.js';
import type { Keys } from '../../../redis/keys.js';
import { type RedisClient, withState } from '../../../redis/redis-connection.js';

export const DRAFT_TTL_SECONDS = 7 * 86_400;

/** Where the draft is in the flow. `creating`: an attempt runs; `done`: created, a new draft may start. */
export const DRAFT_STEPS = ['form', 'review', 'creating', 'failed', 'done'] as const;
export type DraftStep = (typeof DRAFT_STEPS)[number];

/** Display names of chosen resources, as the selects showed them. */
export const draftLabelsSchema = z
  .object({ vpc: z.string().optional(), backend: z.string().optional() })
  .default({});

export const draftSchema = z.object({
  /** Random, so a view of a replaced draft is recognised. */
  id: z.string(),
  teamId: z.string(),
  userId: z.string(),
  values: draftValuesSchema,
  labels: draftLabelsSchema,
  step: z.enum(DRAFT_STEPS),
  /**
   * Bumped by every save the person causes (a change, a review, Back, Edit and retry…), never by the
   * creation's own bookkeeping: a screen rendered for an older revision is stale and must not replace a
   * newer one in the modal.
   */
  revision: z.number().int().nonnegative().default(0),
  /** Set each time the form passes validation and the review is shown: a Create claims this review. */
  reviewId: z.string().optional(),
  /** The attempt started from this draft last (its id). */
  attemptId: z.string().optional(),
  /** Where `/vpcep create` ran last, for the announcement and ephemeral notes. */
  channelId: z.string().optional(),
  responseUrl: z.string().optional(),
  responseUrlAt: z.number().optional(),
  createdAt: z.string(),
  /** When the draft last changed: the "saved" time the resume offer shows. */
  updatedAt: z.string(),
});
export type Draft = z.infer<typeof draftSchema>;

export type ClaimResult = { readonly saved: Draft } | { readonly kept: Draft };

export interface DraftOwner {
  readonly teamId: string;
  readonly userId: string;
}

export interface Drafts {
  get(owner: DraftOwner): Promise<Draft | undefined>;
  /** Stores a new draft in the slot, replacing whatever was there (its revision follows the slot's). */
  replace(draft: Draft): Promise<Draft>;
  /**
   * `replace`, unless the slot holds a draft worth resuming: that one is returned untouched. One round
   * trip (a Lua script) for a slot written by this version; a read and a compare-and-set otherwise.
   */
  claim(draft: Draft): Promise<ClaimResult>;
  /**
   * Applies `change` to the draft `draftId` and saves it (retrying on a concurrent write), bumping its
   * revision unless `keepRevision` (bookkeeping the person did not cause) and its saved time unless
   * `keepSavedAt` (where the command ran last is no change of the draft). Undefined when the slot is
   * empty or holds another draft; `change` returning undefined leaves it as is.
   */
  update(
    owner: DraftOwner,
    draftId: string,
    change: (draft: Draft) => Draft | undefined,
    options?: { readonly keepRevision?: boolean; readonly keepSavedAt?: boolean },
  ): Promise<Draft | undefined>;
  remove(owner: DraftOwner, draftId: string): Promise<void>;
}

/** A fresh random id (drafts, reviews): 48 random bits (Node hands out UUIDs from a pooled source). */
export function newDraftId(): string {
  return randomUUID().replaceAll('-', '').slice(0, 12);
}

/**
 * Sets the hash when its etag is still ARGV[1] ('' = absent); refreshes the TTL. Whether the draft is
 * worth resuming is kept beside its JSON, with the etag it belongs to (`flagged`): a write by a version
 * that does not keep it (a rolling deploy, a rollback) leaves the flag stale, and a stale flag is never
 * trusted (see `CLAIM_SCRIPT`).
 */
const CAS_SCRIPT = `
local current = redis.call('HGET', KEYS[1], 'etag') or ''
if current ~= ARGV[1] then return 0 end
redis.call('HSET', KEYS[1], 'json', ARGV[2], 'etag', ARGV[3], 'id', ARGV[5], 'resumable', ARGV[7], 'flagged', ARGV[3])
redis.call('EXPIRE', KEYS[1], ARGV[4])
return 1
`;

/**
 * Writes a new draft unless the slot holds one that may be worth resuming: flagged so, or with no
 * flag of its own etag (written by another version). Then it returns that one's json, untouched, for the
 * caller to decide. Otherwise the new draft's revision follows the slot's (revisions only grow in a
 * slot, so a view of the replaced draft is older than any of the new one's): the script writes it into
 * the JSON's top-level \`"revision"\` (a key's quotes are never escaped, a string's always are) and
 * returns it.
 * ARGV: json, etag, ttl, id, the draft's own revision, resumable ('1' | '0').
 */
const CLAIM_SCRIPT = `
local current = redis.call('HMGET', KEYS[1], 'json', 'etag', 'resumable', 'flagged')
local json, etag, resumable, flagged = current[1], current[2], current[3], current[4]
if json and (resumable ~= '0' or flagged ~= etag) then return { json } end
local previous = json and tonumber(string.match(json, '"revision":(%d+)')) or 0
local revision = math.max(tonumber(ARGV[5]), previous + 1)
local stored = string.gsub(ARGV[1], '"revision":%d+([,}])', '"revision":' .. revision .. '%1', 1)
redis.call('HSET', KEYS[1], 'json', stored, 'etag', ARGV[2], 'id', ARGV[4], 'resumable', ARGV[6], 'flagged', ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return revision
`;

/** Whether a draft is worth resuming (unfinished, with something a new draft would lose). */
export type ResumablePolicy = (draft: Draft) => boolean;

const flag = (value: boolean) => (value ? '1' : '0');

/** Deletes the hash when it holds draft ARGV[1]. */
const REMOVE_SCRIPT = `
if redis.call('HGET', KEYS[1], 'id') == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

const MAX_TRIES = 8;

export function createDrafts(
  redis: RedisClient,
  keys: Keys,
  resumable: ResumablePolicy,
  ttlSeconds = DRAFT_TTL_SECONDS,
): Drafts {
  // One hash tag per team and user: every key of a person's draft and attempts lives in one slot.
  const keyOf = (owner: DraftOwner) => keys.key('create', 'draft', `{${owner.teamId}:${owner.userId}}`);

  /** The stored draft, or undefined when there is none or it is unreadable. */
  function parse(json: string | null | undefined): Draft | undefined {
    if (!json) return undefined;
    const parsed = draftSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  }

  async function read(owner: DraftOwner): Promise<{ draft: Draft | undefined; etag: string }> {
    const [json, etag] = await redis.hmget(keyOf(owner), 'json', 'etag');
    return { draft: parse(json), etag: etag ?? '' };
  }

  /** What both scripts store of a draft: json, a new etag, the TTL, its id, revision and `resumable`. */
  const stored = (valid: Draft) => [
    JSON.stringify(valid),
    newDraftId(),
    String(ttlSeconds),
    valid.id,
    String(valid.revision),
    flag(resumable(valid)),
  ];

  async function write(expectedEtag: string, draft: Draft): Promise<boolean> {
    const valid = draftSchema.parse(draft);
    return (await redis.eval(CAS_SCRIPT, 1, keyOf(valid), expectedEtag, ...stored(valid))) === 1;
  }

  /** Read and compare-and-set: `replace`, and a claim of a slot written before `resumable` was kept. */
  async function replaceUnless(draft: Draft, keep: ResumablePolicy): Promise<ClaimResult> {
    for (let i = 0; i < MAX_TRIES; i++) {
      const { draft: previous, etag } = await read(draft);
      if (previous && keep(previous)) return { kept: previous };
      // Revisions only grow in a slot, so a view of the replaced draft is older than any of this one.
      const saved = { ...draft, revision: Math.max(draft.revision, (previous?.revision ?? 0) + 1) };
      if (await write(etag, saved)) return { saved };
    }
    throw new Error('draft replace kept conflicting');
  }

  async function claim(draft: Draft): Promise<ClaimResult> {
    const valid = draftSchema.parse(draft);
    const answer = await redis.eval(CLAIM_SCRIPT, 1, keyOf(valid), ...stored(valid));
    if (typeof answer === 'number') return { saved: { ...valid, revision: answer } };
    const kept = parse((answer as (string | null)[])[0]);
    // Kept by the script: flagged worth resuming, or written by a version that does not flag. Decide here.
    if (kept && resumable(kept)) return { kept };
    return replaceUnless(valid, resumable);
  }

  return {
    get: (owner) => withState(async () => (await read(owner)).draft),
    claim: (draft) => withState(() => claim(draft)),
    replace: (draft) =>
      withState(async () => {
        const result = await replaceUnless(draft, () => false);
        return 'saved' in result ? result.saved : result.kept;
      }),
    update: (owner, draftId, change, options = {}) =>
      withState(async () => {
        for (let i = 0; i < MAX_TRIES; i++) {
          const { draft, etag } = await read(owner);
          if (!draft || draft.id !== draftId) return undefined;
          const next = change(draft);
          if (!next) return draft;
          const revision = options.keepRevision ? draft.revision : draft.revision + 1;
          const updatedAt = options.keepSavedAt ? draft.updatedAt : new Date().toISOString();
          const saved = { ...next, revision, updatedAt };
          if (await write(etag, saved)) return saved;
        }
        throw new Error('draft update kept conflicting');
      }),
    remove: (owner, draftId) =>
      withState(async () => {
        await redis.eval(REMOVE_SCRIPT, 1, keyOf(owner), draftId);
      }),
  };
}

/** The draft's key as views carry it in `private_metadata` and button values: `team:user:draftId`. */
export function formatDraftRef(draft: Pick<Draft, 'teamId' | 'userId' | 'id'>): string {
  return `${draft.teamId}:${draft.userId}:${draft.id}`;
}

/** The key of one review of the draft (`team:user:draftId:reviewId`): Create claims exactly that review. */
export function formatReviewRef(draft: Pick<Draft, 'teamId' | 'userId' | 'id' | 'reviewId'>): string {
  return draft.reviewId ? `${formatDraftRef(draft)}:${draft.reviewId}` : formatDraftRef(draft);
}

export interface DraftRef extends DraftOwner {
  readonly draftId: string;
  /** Set in a review's key. */
  readonly reviewId?: string | undefined;
}

/** `team:user:draft[:review]`; team and user IDs may contain `_` but never `:`. */
const DRAFT_REF = new RegExp(`^(${SLACK_ID_SOURCE}):(${SLACK_ID_SOURCE}):([a-f0-9]+)(?::([a-f0-9]+))?$`);

export function parseDraftRef(text: string): DraftRef | undefined {
  const match = DRAFT_REF.exec(text);
  return match?.[1] && match[2] && match[3]
    ? { teamId: match[1], userId: match[2], draftId: match[3], ...(match[4] ? { reviewId: match[4] } : {}) }
    : undefined;
}
