/**
 * Getting a request in front of the right people and keeping every copy current: the first post goes to
 * the service's approval channel (else `APPROVAL_CHANNEL`) mentioning the owners, or by DM to the owners
 * (group members included) when there is no channel or the bot cannot post there, or to the admins when
 * the service has no owners. Every later change re-renders all copies from Redis. The messages
 * themselves are the `ApprovalMessages` port (`approval-message-port.ts`).
 */

import type { Owners } from '../../../access/service-records.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { ApprovalDeps } from '../approvals-deps.js';
import type { ApprovalRequest, MessageCopy } from '../store/approval-request-types.js';
import type { RequestShown, ThreadNotice } from './approval-message-port.js';
import { requestersOf } from './approval-rights.js';
import { keepAlive } from './keep-alive.js';

export interface Audience {
  readonly channel: string | undefined;
  readonly owners: Owners;
}

export async function audienceOf(deps: ApprovalDeps, request: ApprovalRequest): Promise<Audience> {
  const record = await deps.records.get(request.projectId, request.serviceId);
  return {
    channel: record?.approvalChannel ?? deps.settings.defaultChannel,
    owners: record?.owners ?? { users: [], groups: [] },
  };
}

function projectLabel(deps: ApprovalDeps, projectId: string): string | undefined {
  if (deps.cloud.projects.length < 2) return undefined;
  return deps.cloud.projects.find((p) => p.projectId === projectId)?.label;
}

/**
 * The owners to ask for a decision: a workflow's requester is left out (they may not decide their own
 * request). Groups stay: their other members may decide.
 */
export function decidersToMention(request: ApprovalRequest, owners: Owners): Owners {
  const requesters = requestersOf(request);
  return { users: owners.users.filter((u) => !requesters.has(u)), groups: owners.groups };
}

/** What the copies of a request show now. */
function shownOf(deps: ApprovalDeps, request: ApprovalRequest, owners: Owners): RequestShown {
  return {
    request,
    deciders: decidersToMention(request, owners),
    projectLabel: projectLabel(deps, request.projectId),
  };
}

/**
 * Who gets DMs: owner users, then owner-group members, else the admins; never a workflow's requester;
 * de-duplicated and capped.
 */
async function directRecipients(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  owners: Owners,
): Promise<string[]> {
  const requesters = requestersOf(request);
  const people = new Set(owners.users);
  // Whom to notify decides nothing: the last known members will do (an unknown group adds nobody).
  for (const group of owners.groups)
    for (const user of await deps.usergroups.members(group, { lastKnown: true })) people.add(user);
  if (people.size === 0) for (const admin of deps.settings.admins) people.add(admin);
  return [...people].filter((u) => !requesters.has(u)).slice(0, deps.settings.maxDirectMessages);
}

async function postOne(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  to: string,
  owners: Owners,
): Promise<MessageCopy | undefined> {
  try {
    return await deps.messages.post(to, shownOf(deps, request, owners));
  } catch (err) {
    deps.logger.warn(
      { err, requestId: request.id, channel: to, problem: userMessageOf(err) },
      'could not post an approval request',
    );
    return undefined;
  }
}

/**
 * Makes the first post of a request, once across replicas (a claim in Redis); a no-op when it was
 * posted or another replica is posting it. The claim is extended while the post waits its turn (the
 * posts are paced per channel and 429s waited out, which can take longer than the claim), so no other
 * replica posts it meanwhile; it lapses only when this replica dies. When nobody could be reached the
 * claim lapses and a later poll tries again.
 */
export async function ensurePosted(deps: ApprovalDeps, request: ApprovalRequest): Promise<boolean> {
  if (request.postedAt !== undefined) return false;
  const claimMs = deps.settings.postClaimMs;
  const claim = await deps.copies.claimPost(request.id, claimMs);
  if (!claim) return false;
  const holding = keepAlive(
    (ms) => deps.copies.extendPostClaim(request.id, claim, ms),
    claimMs,
    deps.logger.child({ requestId: request.id }),
    'approval request post claim',
  );
  try {
    return await postFirst(deps, request, () => holding.stop());
  } finally {
    holding.stop();
  }
}

async function postFirst(deps: ApprovalDeps, request: ApprovalRequest, posted: () => void): Promise<boolean> {
  const audience = await audienceOf(deps, request);
  const copies: MessageCopy[] = [];
  if (audience.channel) {
    const copy = await postOne(deps, request, audience.channel, audience.owners);
    if (copy) copies.push(copy);
  }
  if (copies.length === 0) {
    for (const user of await directRecipients(deps, request, audience.owners)) {
      const copy = await postOne(deps, request, user, audience.owners);
      if (copy) copies.push(copy);
    }
  }
  if (copies.length === 0) {
    deps.logger.error(
      { requestId: request.id, channel: audience.channel },
      'nobody could be reached with an approval request: set an approval channel the bot is in, owners, or VPCEP_ADMINS',
    );
    return false;
  }
  await deps.copies.recordPosted(request.id, copies, deps.now());
  posted();
  deps.logger.info(
    { requestId: request.id, copies: copies.length, origin: request.origin },
    'approval request posted',
  );
  // A decision or a workflow may have joined while the post was on its way.
  const latest = await deps.requests.get(request.id);
  if (latest && latest.version !== request.version) await refreshCopies(deps, request.id);
  return true;
}

/**
 * After the owners or the approval channel changed: an open request that is not yet in the approval
 * channel gets a copy there, so the new owners see it (e.g. a request that went to the admins by DM
 * before an admin assigned owners).
 */
export async function deliverToNewChannel(deps: ApprovalDeps, request: ApprovalRequest): Promise<boolean> {
  const audience = await audienceOf(deps, request);
  if (!audience.channel || request.copies.some((c) => c.channel === audience.channel)) return false;
  const copy = await postOne(deps, request, audience.channel, audience.owners);
  if (!copy) return false;
  await deps.copies.recordPosted(request.id, [copy], deps.now());
  return true;
}

/**
 * Re-renders every copy from the latest state in Redis. Another replica may render an older state at
 * the same time, so this repeats until the version it rendered is still the latest (bounded); the
 * poller finishes what is left (`markDirty`).
 */
export async function refreshCopies(deps: ApprovalDeps, id: string): Promise<void> {
  // Marked dirty and read side by side (on one node the mark lands first); either way a crash before
  // the copies are rendered leaves the request for the poller, and the loop below re-reads what changed.
  let [, request] = await Promise.all([deps.copies.markDirty(id), deps.requests.get(id)]);
  for (let attempt = 0; attempt < 3 && request; attempt++) {
    const shown = request;
    const { owners } = await audienceOf(deps, shown);
    const results = await Promise.allSettled(
      shown.copies.map((copy) => deps.messages.refresh(copy, shownOf(deps, shown, owners))),
    );
    // A deleted message or a channel the bot left can never be updated (`gone`): nothing to retry there.
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const failure of failed)
      deps.logger.warn({ err: failure.reason, requestId: id }, 'could not update an approval message');
    const latest = await deps.requests.get(id);
    if (failed.length > 0) return;
    if (!latest || latest.version === shown.version) {
      await deps.copies.markRendered(id, shown.version);
      return;
    }
    request = latest;
  }
}

/** A reply in the thread of every copy (reminders, escalations); how many copies got it. */
export async function replyInThreads(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  notice: ThreadNotice,
): Promise<number> {
  let sent = 0;
  for (const copy of request.copies) {
    try {
      await deps.messages.reply(copy, notice);
      sent++;
    } catch (err) {
      deps.logger.warn({ err, requestId: request.id, channel: copy.channel }, 'could not reply in a thread');
    }
  }
  return sent;
}
