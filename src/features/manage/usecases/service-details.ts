/**
 * Everything `/vpcep show` tells about one service: the cloud's view (ports, tags, status), its
 * whitelist and connections, what the bot knows (owners, creator, approval channel) and the open
 * approval requests of its pending connections. Parts that fail are marked unavailable, not fatal.
 */

import type { ServiceRecord } from '../../../access/service-records.js';
import type { Connection, EndpointService, WhitelistEntry } from '../../../cloud/types.js';
import type { OtcProject } from '../../../platform/config/config-types.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { ApprovalRequest } from '../../approvals/public.js';
import type { ManageDeps } from '../manage-deps.js';
import { rememberNames } from './service-names.js';

/** A part of the details that loaded, or why it did not. */
export type Part<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: string };

export interface ServiceDetails {
  readonly project: OtcProject;
  readonly service: EndpointService;
  readonly record: Part<ServiceRecord | undefined>;
  readonly whitelist: Part<WhitelistEntry[]>;
  readonly connections: Part<Connection[]>;
  /** Open approval requests of this service (pending or being decided). */
  readonly requests: readonly ApprovalRequest[];
  /** More than one project is configured: the project is worth naming. */
  readonly multiProject: boolean;
  readonly sandbox: boolean;
}

async function part<T>(deps: ManageDeps, what: string, load: () => Promise<T>): Promise<Part<T>> {
  try {
    return { ok: true, value: await load() };
  } catch (err) {
    deps.logger.warn({ err, what }, 'part of the service details is unavailable');
    return { ok: false, error: userMessageOf(err) };
  }
}

/** Looks `ref` up (ID or name) and loads its details. Throws when the service cannot be found. */
export async function loadServiceDetails(deps: ManageDeps, ref: string): Promise<ServiceDetails> {
  const { projectId, service } = await deps.lookup.find(ref);
  const cloud = deps.cloud.project(projectId);
  const [record, whitelist, connections, requests] = await Promise.all([
    part(deps, 'record', () => deps.records.get(projectId, service.id)),
    part(deps, 'whitelist', () => cloud.listWhitelist(service.id)),
    part(deps, 'connections', () => cloud.listConnections(service.id)),
    part(deps, 'approval requests', () => deps.approvals.listOpenForService(projectId, service.id)),
  ]);
  if (record.ok) await rememberNames(deps, [{ projectId, service, record: record.value }]);
  return {
    project: cloud.project,
    service,
    record,
    whitelist,
    connections,
    requests: requests.ok ? requests.value : [],
    multiProject: deps.cloud.projects.length > 1,
    sandbox: deps.sandbox,
  };
}
