/**
 * `/vpcep connections <service>`: every connection of a service with its status, consumer account and
 * time, pending ones first, then newest first, in pages the ephemeral message can hold.
 */
import type { Connection, ConnectionStatus, EndpointService } from '../../../cloud/types.js';
import type { OtcProject } from '../../../platform/config/config-types.js';
import type { ManageDeps } from '../manage-deps.js';

export const CONNECTIONS_PAGE_SIZE = 40;

const CONNECTION_LABEL: Record<ConnectionStatus, string> = {
  pendingAcceptance: 'pending approval',
  creating: 'being created',
  accepted: 'accepted',
  rejected: 'rejected',
  failed: 'failed',
  deleting: 'being deleted',
};

/** How a connection's state reads in every message and refusal. */
export function connectionStatusText(status: ConnectionStatus): string {
  return CONNECTION_LABEL[status];
}

const ORDER: Record<ConnectionStatus, number> = {
  pendingAcceptance: 0,
  creating: 1,
  accepted: 2,
  failed: 3,
  rejected: 4,
  deleting: 5,
};

export interface ConnectionsPage {
  readonly project: OtcProject;
  readonly service: EndpointService;
  readonly connections: readonly Connection[];
  readonly counts: ReadonlyMap<ConnectionStatus, number>;
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
  readonly sandbox: boolean;
}

export function sortConnections(connections: readonly Connection[]): Connection[] {
  return [...connections].sort(
    (a, b) =>
      ORDER[a.status] - ORDER[b.status] ||
      (b.createdAt ?? '').localeCompare(a.createdAt ?? '') ||
      a.endpointId.localeCompare(b.endpointId),
  );
}

/** `target` is what the user typed (ID or name), or the exact project and ID (paging). */
export async function loadConnectionsPage(
  deps: ManageDeps,
  target: string | { readonly projectId: string; readonly serviceId: string },
  page: number,
): Promise<ConnectionsPage> {
  const { projectId, service } =
    typeof target === 'string'
      ? await deps.lookup.find(target)
      : {
          projectId: target.projectId,
          service: await deps.cloud.project(target.projectId).getService(target.serviceId),
        };
  const cloud = deps.cloud.project(projectId);
  const all = sortConnections(await cloud.listConnections(service.id));
  const counts = new Map<ConnectionStatus, number>();
  for (const c of all) counts.set(c.status, (counts.get(c.status) ?? 0) + 1);
  const pageCount = Math.max(1, Math.ceil(all.length / CONNECTIONS_PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pageCount - 1);
  return {
    project: cloud.project,
    service,
    connections: all.slice(current * CONNECTIONS_PAGE_SIZE, (current + 1) * CONNECTIONS_PAGE_SIZE),
    counts,
    total: all.length,
    page: current,
    pageCount,
    sandbox: deps.sandbox,
  };
}
