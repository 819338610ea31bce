/**
 * One poll of the approval flow, run by the leader only: every approval-enabled service of every
 * configured project and its `pendingAcceptance` connections (every page) -> exactly one request each,
 * made and posted as soon as its service's list is read;
 * open requests whose connection is no longer pending -> resolved elsewhere; `deciding` leases that
 * lapsed (a replica died mid-decision; no longer renewed for the grace period, on Redis' clock, before
 * the cloud was read) -> reconciled with the cloud's state read after that; reminders and escalations
 * once each; copies and workflow steps that a failure left behind are finished. The cloud reads, spaced
 * evenly per project under `APPROVAL_POLL_RATE`, and what they mean for each request are in `scan.ts`.
 */
import type { Logger } from '../../../platform/logging/logger.js';
import { createLimiter, mapLimit } from '../../../platform/map-limit.js';
import { createPacer, type Pacer } from '../../../platform/pacer.js';
import type { ApprovalDeps } from '../approvals-deps.js';
import { settleRequesters } from '../decide/approval-rights.js';
import { ensurePosted, refreshCopies } from '../decide/request-delivery.js';
import { newRequestOf } from '../decide/request-lifecycle.js';
import type { ApprovalRequest } from '../store/approval-request-types.js';
import { isOpen } from '../store/approval-request-types.js';
import { completeExecutions } from '../workflow/step-completion.js';
import { reconcile } from './reconcile.js';
import { remind } from './reminders.js';
import {
  type ProjectPass,
  type ProjectView,
  type ServiceView,
  scanProject,
  statusesOf,
  type Verdict,
  verdictOf,
} from './scan.js';

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

/**
 * One request per pending connection, made as soon as its service's list is read, and a new one
 * posted at once: a long paced pass does not hold what it found back to its end.
 */
function requestMaker(deps: ApprovalDeps, ctx: PollContext, summary: PollSummary) {
  const work = createLimiter(DELIVERY_CONCURRENCY);
  return {
    found(projectId: string, { service, pending }: ServiceView): void {
      for (const connection of pending?.values() ?? []) {
        const id = deps.requests.requestId(projectId, service.id, connection.endpointId);
        work.run(() =>
          isolated(ctx, id, async () => {
            if (ctx.lost?.aborted) return;
            if (
              !(await deps.requests.create(
                newRequestOf(projectId, service, connection, 'poller'),
                deps.now(),
              ))
            )
              return;
            summary.created++;
            const request = await deps.requests.get(id);
            if (request && (await ensurePosted(deps, request))) summary.posted++;
          }),
        );
      }
    },
    done: () => work.idle(),
  };
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

/** Each project's pacer, kept from one poll to the next by whoever polls. */
export type ProjectPacers = Map<string, Pacer>;

export async function pollOnce(
  deps: ApprovalDeps,
  ctx: PollContext,
  pacers: ProjectPacers = new Map(),
): Promise<PollSummary> {
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
  // Each project's calls evenly spaced under its own rate, also from one pass into the next (a pass
  // that starts after a pause starts at once); the projects side by side.
  const pacerOf = (projectId: string): Pacer => {
    let pacer = pacers.get(projectId);
    if (!pacer) {
      pacer = createPacer(deps.settings.pollRate);
      pacers.set(projectId, pacer);
    }
    return pacer;
  };
  const maker = requestMaker(deps, ctx, summary);
  const passes = new Map<string, ProjectPass>();
  const passOf = (projectId: string): ProjectPass => {
    let pass = passes.get(projectId);
    if (!pass) {
      pass = {
        pacer: pacerOf(projectId),
        log: ctx.log,
        signal: ctx.lost,
        found: (view) => maker.found(projectId, view),
      };
      passes.set(projectId, pass);
    }
    return pass;
  };
  const projectIds = deps.cloud.projects.map((p) => p.projectId);
  const views = await Promise.all(projectIds.map((id) => scanProject(deps, id, passOf(id))));
  const projects = new Map<string, ProjectView>(
    projectIds.map((id, i) => [id, views[i] ?? { services: undefined }]),
  );
  // The requests the pass found are made (and the new ones posted) before the open ones are read.
  await maker.done();
  if (ctx.lost?.aborted || !(await ctx.stillLeader())) return summary;

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
    passOf,
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
