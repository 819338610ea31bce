/**
 * Scheduled summaries in channels (`/vpcep digest daily|weekly|off`, at a local time in an IANA time
 * zone; see digest-periods.ts). Setting one saves it and posts
 * a notice into the channel, so a channel the bot cannot post in is refused at once with how to fix
 * it. The job's leader posts each due digest under a short posting lease in Redis and marks the
 * period posted afterwards, so a digest goes out once per period however many replicas run and
 * whoever leads, and a replica dying mid-post does not lose the period.
 */

import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { ManageDeps } from '../manage-deps.js';
import type { DigestSchedule, DigestStatus } from '../store/digest-schedules.js';
import { type DigestFrequency, type DigestTiming, duePeriod, nextPeriodStart } from './digest-periods.js';
import { auditChange } from './manage-audit.js';
import { postPage } from './post-summary.js';
import { loadSummaryPage, type SummaryPage } from './service-summaries.js';

/** How long one replica may take to post a digest before another may try (it died, say). */
export const DIGEST_POSTING_LEASE_MS = 5 * 60_000;

export type DigestChange =
  | { readonly ok: true; readonly text?: string }
  | { readonly ok: false; readonly refused: string };

/**
 * Sets (or changes) the channel's digest. It is saved before the notice goes out, so a notice always
 * announces a saved digest (Redis away: nothing is posted); when the bot cannot post there, the
 * change is undone and refused with how to fix it.
 */
export async function setDigest(
  deps: ManageDeps,
  channel: string,
  userId: string,
  timing: DigestTiming,
  now: number,
): Promise<DigestChange> {
  const schedule: DigestSchedule = { channel, ...timing, createdBy: userId, createdAt: now };
  const previous = await deps.digests.get(channel);
  await deps.digests.set(schedule);
  try {
    await deps.messages.digestSet(schedule, nextPeriodStart(schedule, now));
  } catch (err) {
    await (previous ? deps.digests.set(previous) : deps.digests.remove(channel)).catch((e: unknown) =>
      deps.logger.error({ err: e, channel }, 'could not undo a digest the channel cannot get'),
    );
    return { ok: false, refused: userMessageOf(err) };
  }
  const at = [timing.weekday, timing.time, timing.timeZone].filter((part) => part !== undefined).join(' ');
  await auditChange(deps, {
    action: 'digest.set',
    actor: userId,
    detail: `${channel}:${timing.frequency} ${at}`,
  });
  return { ok: true };
}

export async function stopDigest(deps: ManageDeps, channel: string, userId: string): Promise<DigestChange> {
  const schedule = await deps.digests.get(channel);
  if (!schedule || !(await deps.digests.remove(channel)))
    return { ok: true, text: 'This channel had no digest; nothing changed.' };
  await auditChange(deps, {
    action: 'digest.off',
    actor: userId,
    detail: `${channel}:${schedule.frequency}`,
  });
  try {
    await deps.messages.digestStopped(channel, userId, schedule.frequency);
    return { ok: true };
  } catch {
    return { ok: true, text: `Stopped the ${schedule.frequency} digest of this channel.` };
  }
}

export async function digestInfo(
  deps: ManageDeps,
  channel: string,
  now: number,
): Promise<{ schedule?: DigestSchedule; status?: DigestStatus; next?: number }> {
  const [schedule, status] = await Promise.all([deps.digests.get(channel), deps.digests.status(channel)]);
  if (!schedule) return {};
  const next = nextPeriodStart(schedule, Math.max(now, schedule.createdAt));
  return { schedule, ...(status ? { status } : {}), next };
}

/** One summary per frequency and tick: every channel due at once gets the same summary. */
type Summaries = Map<DigestFrequency, Promise<SummaryPage>>;

function summary(deps: ManageDeps, cache: Summaries, frequency: DigestFrequency): Promise<SummaryPage> {
  let page = cache.get(frequency);
  if (!page) {
    page = loadSummaryPage(deps, { kind: frequency, filter: undefined, page: 0 });
    cache.set(frequency, page);
  }
  return page;
}

async function postOne(
  deps: ManageDeps,
  schedule: DigestSchedule,
  period: string,
  now: number,
  cache: Summaries,
): Promise<boolean> {
  const { channel } = schedule;
  let page: SummaryPage;
  try {
    page = await summary(deps, cache, schedule.frequency);
  } catch (err) {
    // Nothing was posted (the cloud did not answer): give the period back so the next tick retries.
    cache.delete(schedule.frequency);
    await deps.digests.releasePosting(channel, period, deps.instanceId);
    throw err;
  }
  const result = await postPage(deps, channel, page);
  // The period is done either way: posted, or refused by Slack (recorded, shown by `/vpcep digest`).
  await deps.digests.markPosted(channel, period, deps.instanceId);
  if ('posted' in result) {
    await deps.digests.recordOutcome(channel, { period, at: now, ts: result.posted.ts });
    deps.logger.info({ channel, period }, 'digest posted');
    return true;
  }
  await deps.digests.recordOutcome(channel, { period, at: now, error: result.refused });
  deps.logger.warn({ channel, period, problem: result.refused }, 'digest could not be posted');
  return false;
}

/** The schedule's due period; none, logged, for a zone this runtime no longer knows. */
function dueOf(deps: ManageDeps, schedule: DigestSchedule, now: number): { key: string } | undefined {
  try {
    return duePeriod(schedule, schedule.createdAt, now);
  } catch (err) {
    deps.logger.warn({ err, channel: schedule.channel }, 'digest schedule unreadable; skipped');
    return undefined;
  }
}

/**
 * Posts every digest due at `now` whose period this caller claims (a posting lease of `leaseMs`;
 * the period is marked posted only after the post). `stillLeader` is checked before each post (the
 * fencing check of the job's lease).
 */
export async function runDueDigests(
  deps: ManageDeps,
  now: number,
  stillLeader: () => Promise<boolean>,
  leaseMs = DIGEST_POSTING_LEASE_MS,
): Promise<{ due: number; posted: number }> {
  let due = 0;
  let posted = 0;
  const cache: Summaries = new Map();
  for (const schedule of await deps.digests.list()) {
    const period = dueOf(deps, schedule, now);
    if (!period) continue;
    due++;
    if (!(await stillLeader())) break;
    if (!(await deps.digests.claimPosting(schedule.channel, period.key, deps.instanceId, leaseMs))) continue;
    try {
      if (await postOne(deps, schedule, period.key, now, cache)) posted++;
    } catch (err) {
      deps.logger.warn(
        { err, channel: schedule.channel, period: period.key },
        'digest failed; will try again',
      );
    }
  }
  return { due, posted };
}
