/**
 * One poll of the approval flow, run by the leader only: every approval-enabled service of every
 * configured project and its `pendingAcceptance` connections (every page) -> exactly one request each;
 * open requests whose connection is no longer pending -> resolved elsewhere; `deciding` leases that
 * lapsed (a replica died mid-decision; no longer renewed for the grace period, on Redis' clock, before
 * the cloud was read) -> reconciled with the cloud's state read after that; reminders and escalations
 * once each; copies and workflow steps that a failure left behind are finished. The cloud reads and what
 * they mean for each request are in `scan.ts`.
 */
import type { Logger } from '../../../platform/logging/logger.js';
import { mapLimit } from '../../../platform/map-limit.js';
import type { ApprovalDeps } from '../approvals-deps.js';
import { settleRequesters } from '../decide/approval-rights.js';
import { ensurePosted, refreshCopies } from '../decide/request-delivery.js';
import { newRequestOf } from '../decide/request-lifecycle.js';
import type { ApprovalRequest } from '../store/approval-request-types.js';
import { isOpen } from '../store/approval-request-types.js';
import { completeExecutions } from '../workflow/step-completion.js';
import { reconcile } from './reconcile.js';
import { remind } from './reminders.js';
import { type ProjectView, scanProject, statusesOf, type Verdict, verdictOf } from './scan.js';

export interface PollContext {
  readonly log: Logger;
  /** The fencing check: false once another replica leads; the tick then stops. */
  stillLeader(): Promise<boolean>;
  /** Aborted as soon as the job runner learns that the lease is lost; checked between items. */
  readonly lost?: AbortSignal;
}

export interface PollSummary {
  created: number;
  /** First posts this poll made (each request is posted once across replicas). */
  posted: number;
  resolvedElsewhere: number;
  reconciled: number;
  reminders: number;
  escalations: number;
}

/** Requests delivered (posted, reminded) at once; the poster paces each channel. */
const DELIVERY_CONCURRENCY = 16;

async function createRequests(
  deps: ApprovalDeps,
  projectId: string,
  view: ProjectView,
  summary: PollSummary,
): Promise<void> {
  for (const { service, pending } of view.services?.values() ?? []) {
    for (const connection of pending?.values() ?? []) {
      if (await deps.requests.create(newRequestOf(projectId, service, connection, 'poller'), deps.now()))
        summary.created++;
    }
  }
}

/** Copies a failure left stale, and steps whose completion failed for a passing reason. */
async function finishLeftovers(deps: ApprovalDeps, ctx: PollContext): Promise<void> {
  for (const id of await deps.copies.dirtyIds()) {
    if (ctx.lost?.aborted) return;
    await isolated(ctx, id, async () => {
      if (!(await deps.requests.get(id))) await deps.requests.forget(id);
      else await refreshCopies(deps, id);
    });
  }
  for (const id of await deps.waits.idsWithExecutions()) {
    if (ctx.lost?.aborted) return;
    await isolated(ctx, id, () => completeExecutions(deps, id));
  }
}

/** One request's work: a failure there is logged and the poll goes on with the others. */
async function isolated(ctx: PollContext, requestId: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (err) {
    ctx.log.warn({ err, requestId }, 'could not handle an approval request this poll; will try again');
  }
}

export async function pollOnce(deps: ApprovalDeps, ctx: PollContext): Promise<PollSummary> {
  const summary: PollSummary = {
    created: 0,
    posted: 0,
    resolvedElsewhere: 0,
    reconciled: 0,
    reminders: 0,
    escalations: 0,
  };
  // A lease counts as lapsed only if it ran out a grace period before the cloud is read below.
  const lapsedBefore = (await deps.leases.time()) - deps.settings.leaseGraceMs;
  const projects = new Map<string, ProjectView>();
  for (const { projectId } of deps.cloud.projects)
    projects.set(projectId, await scanProject(deps, projectId, ctx.log));
  if (!(await ctx.stillLeader())) return summary;
  for (const [projectId, view] of projects) await createRequests(deps, projectId, view, summary);

  const needStatus: { request: ApprovalRequest; known: string | undefined }[] = [];
  const toDeliver: { request: ApprovalRequest; verdict: Verdict }[] = [];
  for (const request of await deps.requests.listOpen()) {
    if (ctx.lost?.aborted) return summary;
    if (!isOpen(request)) {
      await deps.requests.unindex(request.id, request.projectId, request.serviceId);
      continue;
    }
    // A workflow requester whose right could not be checked as the step started: settled as soon as
    // Slack names the groups, before they could gain the right.
    if (request.state === 'pending' && request.workflow.some((n) => n.requesterUnchecked))
      await isolated(ctx, request.id, () => settleRequesters(deps, request));
    const verdict = verdictOf(request, projects.get(request.projectId), lapsedBefore);
    if (verdict.kind === 'status') needStatus.push({ request, known: verdict.known });
    toDeliver.push({ request, verdict });
  }
  // Posts and reminders run side by side: the poster keeps each channel's posts in order and paced, so
  // one busy channel no longer holds up the requests of every other channel.
  await mapLimit(toDeliver, DELIVERY_CONCURRENCY, async ({ request, verdict }) => {
    if (ctx.lost?.aborted) return;
    await isolated(ctx, request.id, async () => {
      if (
        request.state === 'pending' &&
        request.postedAt === undefined &&
        (await ensurePosted(deps, request))
      )
        summary.posted++;
      if (verdict.kind !== 'pending') return;
      const { reminded, escalated } = await remind(deps, request);
      if (reminded) summary.reminders++;
      if (escalated) summary.escalations++;
    });
  });

  if (!(await ctx.stillLeader())) return summary;
  const statusOf = await statusesOf(
    deps,
    needStatus.filter((n) => !n.known).map((n) => n.request),
    ctx.log,
  );
  for (const { request, known } of needStatus) {
    if (ctx.lost?.aborted) return summary;
    const status = known ?? statusOf(request);
    if (status === undefined) continue;
    await isolated(ctx, request.id, async () => {
      const outcome = await reconcile(deps, request, status, lapsedBefore);
      if (outcome) summary[outcome]++;
    });
  }
  await finishLeftovers(deps, ctx);
  return summary;
}
