/**
 * One poll of the approval flow, run by the leader only: every approval-enabled service of every
 * configured project and its `pendingAcceptance` connections (every page) -> exactly one request each;
 * open requests whose connection is no longer pending -> resolved elsewhere; `deciding` leases that
 * lapsed (a replica died mid-decision; no longer renewed for the grace period, on Redis' clock, before
 * the cloud was read) -> reconciled with the cloud's state read after that; reminders and escalations
 * once each; copies and workflow steps that a failure left behind are finished. Cloud cost: one list
 * of services per project, one list of pending connections per service, and one full list only for
 * services whose open requests need a status; never a call per connection.
 */
import type { Connection, EndpointService } from '../../cloud/types.js';
import type { Logger } from '../../logging/logger.js';
import type { ApprovalRequest } from '../../stores/approval-requests.js';
import { isOpen } from '../../stores/approval-requests.js';
import { escalationText, reminderText } from '../../ui/approval-notices.js';
import { mapLimit } from '../map-limit.js';
import { audienceOf, decidersToMention, ensurePosted, refreshCopies, replyInThreads } from './delivery.js';
import type { ApprovalDeps } from './deps.js';
import { completeExecutions } from './workflow.js';

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

interface ServiceView {
  readonly service: EndpointService;
  /** Pending connections by endpoint ID; undefined when the list failed (then nothing is concluded). */
  readonly pending: Map<string, Connection> | undefined;
}

interface ProjectView {
  /** Every service of the project; undefined when the list failed. */
  readonly services: Map<string, ServiceView> | undefined;
}

const LIST_CONCURRENCY = 4;
/** Requests delivered (posted, reminded) at once; the poster paces each channel. */
const DELIVERY_CONCURRENCY = 16;

const needsApproval = (s: EndpointService) => s.approvalEnabled && s.status === 'available';

async function scanProject(deps: ApprovalDeps, projectId: string, log: Logger): Promise<ProjectView> {
  const cloud = deps.cloud.project(projectId);
  let services: EndpointService[];
  try {
    services = await cloud.listServices();
  } catch (err) {
    log.warn({ err, projectId }, 'could not list endpoint services; skipping the project this time');
    return { services: undefined };
  }
  const views = await mapLimit(services, LIST_CONCURRENCY, async (service): Promise<ServiceView> => {
    if (!needsApproval(service)) return { service, pending: undefined };
    try {
      const connections = await cloud.listConnections(service.id, { status: 'pendingAcceptance' });
      const pending = connections.filter((c) => c.status === 'pendingAcceptance');
      return { service, pending: new Map(pending.map((c) => [c.endpointId, c])) };
    } catch (err) {
      log.warn({ err, projectId, serviceId: service.id }, 'could not list pending connections');
      return { service, pending: undefined };
    }
  });
  return { services: new Map(views.map((v) => [v.service.id, v])) };
}

async function createRequests(
  deps: ApprovalDeps,
  projectId: string,
  view: ProjectView,
  summary: PollSummary,
): Promise<void> {
  for (const { service, pending } of view.services?.values() ?? []) {
    for (const connection of pending?.values() ?? []) {
      const created = await deps.store.create(
        {
          projectId,
          serviceId: service.id,
          serviceName: service.serviceName,
          endpointId: connection.endpointId,
          domainId: connection.domainId,
          markerId: connection.markerId,
          requestedAt: connection.createdAt,
          ports: service.ports,
          origin: 'poller',
        },
        deps.now(),
      );
      if (created) summary.created++;
    }
  }
}

/** What an open request needs, given what the scan saw. */
type Verdict =
  | { readonly kind: 'wait' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'status'; readonly known?: string }
  | { readonly kind: 'interrupted' };

function verdictOf(request: ApprovalRequest, view: ProjectView | undefined, lapsedBefore: number): Verdict {
  const services = view?.services;
  if (!services) return { kind: 'wait' };
  const liveLease = request.state === 'deciding' && (request.lease?.until ?? 0) > lapsedBefore;
  if (liveLease) return { kind: 'wait' };
  const scanned = services.get(request.serviceId);
  if (!scanned) return { kind: 'status', known: 'gone' };
  if (scanned.pending?.has(request.endpointId)) {
    return request.state === 'deciding' ? { kind: 'interrupted' } : { kind: 'pending' };
  }
  if (needsApproval(scanned.service) && !scanned.pending) return { kind: 'wait' };
  return { kind: 'status' };
}

/** Full connection lists of the services that need a status, one list per service. */
async function statusesOf(
  deps: ApprovalDeps,
  requests: readonly ApprovalRequest[],
  log: Logger,
): Promise<Map<string, Map<string, string> | undefined>> {
  const services = [...new Map(requests.map((r) => [`${r.projectId}/${r.serviceId}`, r])).values()];
  const lists = await mapLimit(services, LIST_CONCURRENCY, async (r) => {
    try {
      const all = await deps.cloud.project(r.projectId).listConnections(r.serviceId);
      return new Map(all.map((c) => [c.endpointId, c.status as string]));
    } catch (err) {
      log.warn({ err, serviceId: r.serviceId }, 'could not list the connections of a service');
      return undefined;
    }
  });
  return new Map(services.map((r, i) => [`${r.projectId}/${r.serviceId}`, lists[i]]));
}

async function audit(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  action: string,
  actor: string,
  detail?: string,
) {
  await deps.audit
    .append({
      action,
      actor,
      projectId: request.projectId,
      serviceId: request.serviceId,
      endpointId: request.endpointId,
      ...(detail ? { detail } : {}),
    })
    .catch((err: unknown) => deps.logger.warn({ err, requestId: request.id }, 'could not audit'));
}

const INTERRUPTED =
  'The last decision was interrupted before the cloud confirmed it (the bot restarted), and the connection is still waiting. Please decide again.';

/**
 * Settles a request the cloud no longer shows as pending, or an interrupted decision. `lapsedBefore`
 * fences a lapsed lease: the scripts leave it alone if its holder renewed it since the cloud was read.
 */
async function reconcile(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  status: string,
  lapsedBefore: number,
  summary: PollSummary,
): Promise<void> {
  const now = deps.now();
  const lease = request.lease;
  if (status === 'pendingAcceptance') {
    if (lease && (await deps.store.abort(request.id, lease.token, INTERRUPTED, lapsedBefore))) {
      summary.reconciled++;
      await refreshCopies(deps, request.id);
    }
    return;
  }
  const effective = status === 'creating' ? 'accepted' : status;
  const leaseHit =
    lease &&
    ((lease.action === 'approve' && effective === 'accepted') ||
      (lease.action === 'reject' && effective === 'rejected'));
  if (lease && leaseHit) {
    const state = lease.action === 'approve' ? 'approved' : 'rejected';
    const result = await deps.store.finish(request.id, {
      token: lease.token,
      lapsedBefore,
      state,
      by: lease.by,
      at: now,
      ...(lease.reason ? { reason: lease.reason } : {}),
    });
    if (result === 'ok') {
      summary.reconciled++;
      await audit(deps, request, `connection.${state}`, lease.by, lease.reason);
    }
  } else {
    const result = await deps.store.finish(request.id, {
      ...(lease ? { token: lease.token, lapsedBefore } : {}),
      state: 'resolved_elsewhere',
      at: now,
      observedStatus: effective,
    });
    if (result === 'ok') {
      summary.resolvedElsewhere++;
      await audit(deps, request, 'connection.resolved_elsewhere', 'system', effective);
    }
  }
  await refreshCopies(deps, request.id);
  await completeExecutions(deps, request.id);
}

async function remind(deps: ApprovalDeps, request: ApprovalRequest, summary: PollSummary): Promise<void> {
  if (request.state !== 'pending' || request.postedAt === undefined) return;
  const waitedMs = deps.now() - request.postedAt;
  const { remindAfterMs, escalateAfterMs, admins } = deps.settings;
  // The escalation follows the reminder in the thread: it waits for a reminder sent earlier or just now.
  let reminded = request.remindedAt !== undefined;
  if (waitedMs >= remindAfterMs && !reminded) {
    if (await deps.store.markOnce(request.id, 'remindedAt', deps.now())) {
      const { owners } = await audienceOf(deps, request);
      const deciders = decidersToMention(request, owners);
      const sent = await replyInThreads(deps, request, reminderText({ request, owners: deciders, waitedMs }));
      if (sent === 0) await deps.store.unmark(request.id, 'remindedAt');
      else {
        summary.reminders++;
        reminded = true;
      }
    }
  }
  if (reminded && waitedMs >= escalateAfterMs && request.escalatedAt === undefined) {
    if (await deps.store.markOnce(request.id, 'escalatedAt', deps.now())) {
      const text = escalationText({ request, admins, waitedMs });
      const sent = await replyInThreads(deps, request, text, true);
      if (sent === 0) await deps.store.unmark(request.id, 'escalatedAt');
      else summary.escalations++;
    }
  }
}

/** Copies a failure left stale, and steps whose completion failed for a passing reason. */
async function finishLeftovers(deps: ApprovalDeps, ctx: PollContext): Promise<void> {
  for (const id of await deps.store.dirtyIds()) {
    if (ctx.lost?.aborted) return;
    await guarded(ctx, id, async () => {
      if (!(await deps.store.get(id))) await deps.store.forget(id);
      else await refreshCopies(deps, id);
    });
  }
  for (const id of await deps.store.idsWithExecutions()) {
    if (ctx.lost?.aborted) return;
    await guarded(ctx, id, () => completeExecutions(deps, id));
  }
}

/** One request's work: a failure there is logged and the poll goes on with the others. */
async function guarded(ctx: PollContext, requestId: string, work: () => Promise<void>): Promise<void> {
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
  const lapsedBefore = (await deps.store.time()) - deps.settings.leaseGraceMs;
  const projects = new Map<string, ProjectView>();
  for (const { projectId } of deps.cloud.projects)
    projects.set(projectId, await scanProject(deps, projectId, ctx.log));
  if (!(await ctx.stillLeader())) return summary;
  for (const [projectId, view] of projects) await createRequests(deps, projectId, view, summary);

  const needStatus: { request: ApprovalRequest; known?: string }[] = [];
  const toDeliver: { request: ApprovalRequest; verdict: ReturnType<typeof verdictOf> }[] = [];
  for (const request of await deps.store.listOpen()) {
    if (ctx.lost?.aborted) return summary;
    if (!isOpen(request)) {
      await deps.store.unindex(request.id, request.projectId, request.serviceId);
      continue;
    }
    const verdict = verdictOf(request, projects.get(request.projectId), lapsedBefore);
    if (verdict.kind === 'interrupted') {
      needStatus.push({ request, known: 'pendingAcceptance' });
      continue;
    }
    if (verdict.kind === 'status')
      needStatus.push({ request, ...(verdict.known ? { known: verdict.known } : {}) });
    toDeliver.push({ request, verdict });
  }
  // Posts and reminders run side by side: the poster keeps each channel's posts in order and paced, so
  // one busy channel no longer holds up the requests of every other channel.
  await mapLimit(toDeliver, DELIVERY_CONCURRENCY, async ({ request, verdict }) => {
    if (ctx.lost?.aborted) return;
    await guarded(ctx, request.id, async () => {
      if (
        request.state === 'pending' &&
        request.postedAt === undefined &&
        (await ensurePosted(deps, request))
      )
        summary.posted++;
      if (verdict.kind === 'pending') await remind(deps, request, summary);
    });
  });

  if (!(await ctx.stillLeader())) return summary;
  const unknown = needStatus.filter((n) => !n.known).map((n) => n.request);
  const statuses = await statusesOf(deps, unknown, ctx.log);
  for (const { request, known } of needStatus) {
    if (ctx.lost?.aborted) return summary;
    const list = statuses.get(`${request.projectId}/${request.serviceId}`);
    const status = known ?? (list ? (list.get(request.endpointId) ?? 'gone') : undefined);
    if (status !== undefined)
      await guarded(ctx, request.id, () => reconcile(deps, request, status, lapsedBefore, summary));
  }
  await finishLeftovers(deps, ctx);
  return summary;
}
