/**
 * What one poll reads from the cloud, and what it concludes for each open request: every service of a
 * project and its `pendingAcceptance` connections (every page), and, only for services whose open
 * requests need a status, one full list of connections. Never a call per connection.
 *
 * The API has no query for pending connections across services, and a service's `connection_count`
 * leaves pending ones out, so one connection list per approval-enabled service per pass is the floor.
 * A pass spaces its calls in a project evenly under `APPROVAL_POLL_RATE` (the project's `Pacer`), so
 * it never bursts: S services take S / rate seconds, and a small project is read at once.
 */
import { NotFoundError } from '../../../cloud/errors.js';
import type { Connection, EndpointService } from '../../../cloud/types.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { mapLimit } from '../../../platform/map-limit.js';
import type { Pacer } from '../../../platform/pacer.js';
import type { ApprovalDeps } from '../approvals-deps.js';
import type { ApprovalRequest } from '../store/approval-request-types.js';

export interface ServiceView {
  readonly service: EndpointService;
  /** Pending connections by endpoint ID; undefined when the list failed (then nothing is concluded). */
  readonly pending: Map<string, Connection> | undefined;
}

export interface ProjectView {
  /** Every service of the project; undefined when the list failed. */
  readonly services: Map<string, ServiceView> | undefined;
}

/** Calls in flight at once (a slow cloud); the pacer decides when each starts. */
const LIST_CONCURRENCY = 4;

/** One pass over a project: its pacer, and the signal that stops the pass between calls. */
export interface ProjectPass {
  readonly pacer: Pacer;
  readonly log: Logger;
  readonly signal?: AbortSignal | undefined;
  /** Told of each approval-enabled service as soon as its pending connections are read. */
  readonly found?: ((view: ServiceView) => void) | undefined;
}

const needsApproval = (s: EndpointService) => s.approvalEnabled && s.status === 'available';

export async function scanProject(
  deps: ApprovalDeps,
  projectId: string,
  pass: ProjectPass,
): Promise<ProjectView> {
  const { pacer, log, signal, found } = pass;
  const cloud = deps.cloud.project(projectId);
  let services: EndpointService[];
  try {
    await pacer.turn(signal);
    services = await cloud.listServices();
  } catch (err) {
    if (signal?.aborted) return { services: undefined };
    log.warn({ err, projectId }, 'could not list endpoint services; skipping the project this time');
    return { services: undefined };
  }
  const views = await mapLimit(services, LIST_CONCURRENCY, async (service): Promise<ServiceView> => {
    if (!needsApproval(service) || signal?.aborted) return { service, pending: undefined };
    try {
      await pacer.turn(signal);
      const connections = await cloud.listConnections(service.id, { status: 'pendingAcceptance' });
      const pending = connections.filter((c) => c.status === 'pendingAcceptance');
      const view = { service, pending: new Map(pending.map((c) => [c.endpointId, c])) };
      found?.(view);
      return view;
    } catch (err) {
      if (!signal?.aborted)
        log.warn({ err, projectId, serviceId: service.id }, 'could not list pending connections');
      return { service, pending: undefined };
    }
  });
  // A pass stopped half-way concludes nothing.
  if (signal?.aborted) return { services: undefined };
  return { services: new Map(views.map((v) => [v.service.id, v])) };
}

/**
 * What an open request needs, given what the scan saw: nothing yet (`wait`: a live lease, or a list that
 * failed), reminders (`pending`), or settling from the connection's status, `known` already or to be read.
 */
export type Verdict =
  | { readonly kind: 'wait' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'status'; readonly known?: string };

export function verdictOf(
  request: ApprovalRequest,
  view: ProjectView | undefined,
  lapsedBefore: number,
): Verdict {
  const services = view?.services;
  if (!services) return { kind: 'wait' };
  const liveLease = request.state === 'deciding' && (request.lease?.until ?? 0) > lapsedBefore;
  if (liveLease) return { kind: 'wait' };
  const scanned = services.get(request.serviceId);
  // Not in the list read at the start of the pass: gone, or made since (a long paced pass); read again.
  if (!scanned) return { kind: 'status' };
  if (scanned.pending?.has(request.endpointId)) {
    // A lapsed decision while the connection still waits was interrupted: it is reopened.
    return request.state === 'deciding'
      ? { kind: 'status', known: 'pendingAcceptance' }
      : { kind: 'pending' };
  }
  if (needsApproval(scanned.service) && !scanned.pending) return { kind: 'wait' };
  return { kind: 'status' };
}

/**
 * The connection statuses of `requests`, one full list per service, paced by each project's pacer
 * (`passOf`): a request's status, `gone` when its service no longer lists it or no longer exists,
 * undefined when the list failed (then nothing is concluded).
 */
export async function statusesOf(
  deps: ApprovalDeps,
  requests: readonly ApprovalRequest[],
  passOf: (projectId: string) => ProjectPass,
): Promise<(request: ApprovalRequest) => string | undefined> {
  const serviceOf = (r: ApprovalRequest) => `${r.projectId}/${r.serviceId}`;
  const services = [...new Map(requests.map((r) => [serviceOf(r), r])).values()];
  const lists = await mapLimit(services, LIST_CONCURRENCY, async (r) => {
    const { pacer, log, signal } = passOf(r.projectId);
    if (signal?.aborted) return undefined;
    try {
      await pacer.turn(signal);
      const all = await deps.cloud.project(r.projectId).listConnections(r.serviceId);
      return new Map(all.map((c) => [c.endpointId, c.status as string]));
    } catch (err) {
      // A service that no longer exists lists nothing: its requests are gone.
      if (err instanceof NotFoundError) return new Map<string, string>();
      if (!signal?.aborted)
        log.warn({ err, serviceId: r.serviceId }, 'could not list the connections of a service');
      return undefined;
    }
  });
  const byService = new Map(services.map((r, i) => [serviceOf(r), lists[i]]));
  return (request) => {
    const list = byService.get(serviceOf(request));
    return list && (list.get(request.endpointId) ?? 'gone');
  };
}
