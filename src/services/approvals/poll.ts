/**
 * One poll of the approval flow, run by the leader only: every approval-enabled service of every
 * configured project and its `pendingAcceptance` connections (every page) -> exactly one request each;
 * open requests whose connection is no longer pending -> resolved elsewhere; `deciding` leases that
 * lapsed (a replica died mid-decision) -> reconciled with the cloud's state; reminders and escalations
 * once each; copies and workflow steps that a failure left behind are finished. Cloud cost: one list
 * of services per project, one list of pending connections per service, and one full list only for
 * services whose open requests need a status; never a call per connection.
 */
import type { Connection, EndpointService } from '../../cloud/types.js';
import type { Logger } from '../../logging/logger.js';
import type { ApprovalRequest } from '../../stores/approval-requests.js';
import { isOpen } from '../../stores/approval-requests.js';
import { escalationText, reminderText } from '../../ui/approval-notices.js';
import { audienceOf, ensurePosted, refreshCopies, replyInThreads } from './delivery.js';
import type { ApprovalDeps } from './deps.js';
import { completeExecutions } from './workflow.js';

export interface PollContext {
  readonly log: Logger;
  /** The fencing check: false once another replica leads; the tick then stops. */
  stillLeader(): Promise<boolean>;
}

export interface PollSummary {
  created: number;
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

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

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

function verdictOf(request: ApprovalRequest, view: ProjectView | undefined, now: number): Verdict {
  const services = view?.services;
  if (!services) return { kind: 'wait' };
  const liveLease = request.state === 'deciding' && (request.lease?.until ?? 0) > now;
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

/** Settles a request the cloud no longer shows as pending, or an interrupted decision. */
async function reconcile(
  deps: ApprovalDeps,
  request: ApprovalRequest,
  status: string,
  summary: PollSummary,
): Promise<void> {
  const now = deps.now();
  const lease = request.lease;
  if (status === 'pendingAcceptance') {
    if (lease && (await deps.store.abort(request.id, lease.token, INTERRUPTED))) {
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
      ...(lease ? { token: lease.token } : {}),
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
  if (waitedMs >= remindAfterMs && request.remindedAt === undefined) {
    if (await deps.store.markOnce(request.id, 'remindedAt', deps.now())) {
      const { owners } = await audienceOf(deps, request);
      const sent = await replyInThreads(deps, request, reminderText({ request, owners, waitedMs }));
      if (sent === 0) await deps.store.unmark(request.id, 'remindedAt');
      else summary.reminders++;
    }
  }
  if (waitedMs >= escalateAfterMs && request.escalatedAt === undefined) {
    if (await deps.store.markOnce(request.id, 'escalatedAt', deps.now())) {
      const text = escalationText({ request, admins, waitedMs });
      const sent = await replyInThreads(deps, request, text, true);
      if (sent === 0) await deps.store.unmark(request.id, 'escalatedAt');
      else summary.escalations++;
    }
  }
}

/** Copies a failure left stale, and steps whose completion failed for a passing reason. */
async function finishLeftovers(deps: ApprovalDeps): Promise<void> {
  for (const id of await deps.store.dirtyIds()) {
    if (!(await deps.store.get(id))) await deps.store.forget(id);
    else await refreshCopies(deps, id);
  }
  for (const id of await deps.store.idsWithExecutions()) await completeExecutions(deps, id);
}

export async function pollOnce(deps: ApprovalDeps, ctx: PollContext): Promise<PollSummary> {
  const summary: PollSummary = {
    created: 0,
    resolvedElsewhere: 0,
    reconciled: 0,
    reminders: 0,
    escalations: 0,
  };
  const projects = new Map<string, ProjectView>();
  for (const { projectId } of deps.cloud.projects)
    projects.set(projectId, await scanProject(deps, projectId, ctx.log));
  if (!(await ctx.stillLeader())) return summary;
  for (const [projectId, view] of projects) await createRequests(deps, projectId, view, summary);

  const needStatus: { request: ApprovalRequest; known?: string }[] = [];
  const now = deps.now();
  for (const request of await deps.store.listOpen()) {
    if (!isOpen(request)) {
      await deps.store.unindex(request.id, request.projectId, request.serviceId);
      continue;
    }
    const verdict = verdictOf(request, projects.get(request.projectId), now);
    if (verdict.kind === 'interrupted') {
      needStatus.push({ request, known: 'pendingAcceptance' });
      continue;
    }
    if (verdict.kind === 'status')
      needStatus.push({ request, ...(verdict.known ? { known: verdict.known } : {}) });
    if (request.state === 'pending' && request.postedAt === undefined) await ensurePosted(deps, request);
    if (verdict.kind === 'pending') await remind(deps, request, summary);
  }

  if (!(await ctx.stillLeader())) return summary;
  const unknown = needStatus.filter((n) => !n.known).map((n) => n.request);
  const statuses = await statusesOf(deps, unknown, ctx.log);
  for (const { request, known } of needStatus) {
    const list = statuses.get(`${request.projectId}/${request.serviceId}`);
    const status = known ?? (list ? (list.get(request.endpointId) ?? 'gone') : undefined);
    if (status !== undefined) await reconcile(deps, request, status, summary);
  }
  await finishLeftovers(deps);
  return summary;
}
