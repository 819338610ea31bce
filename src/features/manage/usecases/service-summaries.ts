/**
 * The data of one page of the service summary (`/vpcep list`, the List services button, digests):
 * every configured project's services and quota, filtered and in a stable order, with owners and
 * connection counts for the services on the page only (the costly part: one connection list per
 * service, a few at a time). The cloud's answers come from the service cache (at most 5 s old), so
 * repeated lists and page turns do not each list every service again. One project failing does not
 * hide the others.
 */

import {
  type Owners,
  recordRef,
  type ServiceRecord,
  type ServiceRecords,
} from '../../../access/service-records.js';
import type { Cloud } from '../../../cloud/index.js';
import type { ConnectionCounts, ServiceCache } from '../../../cloud/service-cache.js';
import type { EndpointService, Quota } from '../../../cloud/types.js';
import type { OtcProject } from '../../../platform/config/config-types.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import { mapLimit } from '../../../platform/map-limit.js';
import type { OwnerLabels, OwnerNames } from './owner-names.js';
import { compareServices, matchesFilter } from './service-filter.js';
import { rememberNames } from './service-names.js';

/** Services per page: keeps a page well inside 50 blocks even with a header per project. */
export const SUMMARY_PAGE_SIZE = 10;
/** Connection lists fetched at once while building a page. */
const CONNECTION_CONCURRENCY = 4;

export type SummaryKind = 'list' | 'daily' | 'weekly';

export interface SummaryRequest {
  readonly kind: SummaryKind;
  readonly filter: string | undefined;
  /** 0-based; clamped to the last page. */
  readonly page: number;
}

export type { ConnectionCounts } from '../../../cloud/service-cache.js';

export interface ServiceSummary {
  readonly projectId: string;
  readonly service: EndpointService;
  /** Undefined when no owners are recorded, or `ownersUnavailable`. */
  readonly owners: Owners | undefined;
  /** Undefined when the cloud did not answer for this service. */
  readonly connections: ConnectionCounts | undefined;
}

export interface ProjectSummary {
  readonly project: OtcProject;
  readonly quota: Quota | undefined;
  /** Services of this project matching the filter. */
  readonly matching: number;
  /** Why the services of this project could not be listed. */
  readonly error: string | undefined;
}

export interface SummaryPage {
  readonly kind: SummaryKind;
  readonly filter: string | undefined;
  readonly page: number;
  readonly pageCount: number;
  /** Matching services over every project. */
  readonly total: number;
  readonly projects: readonly ProjectSummary[];
  readonly services: readonly ServiceSummary[];
  /** Redis did not answer: owners are not shown. */
  readonly ownersUnavailable: boolean;
  /** How the owners on this page are named (a channel post mentions nobody). */
  readonly ownerLabels: OwnerLabels;
  readonly sandbox: boolean;
}

export interface SummaryDeps {
  readonly cloud: Pick<Cloud, 'projects'>;
  /** Where the services, quotas and connection counts are read from. */
  readonly cache: ServiceCache;
  readonly records: ServiceRecords;
  readonly logger: Logger;
  readonly sandbox: boolean;
  readonly names: OwnerNames;
}

interface ProjectListing {
  readonly project: OtcProject;
  readonly services: readonly EndpointService[];
  readonly quota: Quota | undefined;
  readonly error: unknown;
}

async function listProject(deps: SummaryDeps, project: OtcProject): Promise<ProjectListing> {
  const [services, quota] = await Promise.allSettled([
    deps.cache.services(project.projectId),
    deps.cache.quota(project.projectId),
  ]);
  if (quota.status === 'rejected')
    deps.logger.warn({ err: quota.reason, projectId: project.projectId }, 'quota unavailable for summary');
  return {
    project,
    services: services.status === 'fulfilled' ? services.value : [],
    quota: quota.status === 'fulfilled' ? quota.value : undefined,
    error: services.status === 'rejected' ? services.reason : undefined,
  };
}

/** Loads one page of the summary. Throws only when no project could be listed at all. */
export async function loadSummaryPage(deps: SummaryDeps, request: SummaryRequest): Promise<SummaryPage> {
  const listings = await Promise.all(deps.cloud.projects.map((project) => listProject(deps, project)));
  const failed = listings.filter((l) => l.error !== undefined);
  if (listings.length > 0 && failed.length === listings.length) throw failed[0]?.error;

  const matching = listings.map((l) => ({
    ...l,
    services: l.services.filter((s) => matchesFilter(s, request.filter)).sort(compareServices),
  }));
  const all = matching.flatMap((l) =>
    l.services.map((service) => ({ projectId: l.project.projectId, service })),
  );
  const pageCount = Math.max(1, Math.ceil(all.length / SUMMARY_PAGE_SIZE));
  const page = Math.min(Math.max(0, Math.trunc(request.page)), pageCount - 1);
  const onPage = all.slice(page * SUMMARY_PAGE_SIZE, (page + 1) * SUMMARY_PAGE_SIZE);

  let ownersUnavailable = false;
  const [records, connections] = await Promise.all([
    deps.records
      .getMany(onPage.map((s) => ({ projectId: s.projectId, serviceId: s.service.id })))
      .catch((err: unknown) => {
        deps.logger.warn({ err }, 'owners unavailable for summary');
        ownersUnavailable = true;
        return new Map<string, ServiceRecord>();
      }),
    mapLimit(onPage, CONNECTION_CONCURRENCY, async ({ projectId, service }) => {
      try {
        return await deps.cache.connectionCounts(projectId, service.id);
      } catch (err) {
        deps.logger.warn({ err, serviceId: service.id }, 'connections unavailable for summary');
        return undefined;
      }
    }),
  ]);

  const owners = onPage.map(
    ({ projectId, service }) => records.get(recordRef(projectId, service.id))?.owners,
  );
  const ownerLabels = await deps.names.labels(owners);
  await rememberNames(
    deps,
    onPage.map(({ projectId, service }) => ({
      projectId,
      service,
      record: records.get(recordRef(projectId, service.id)),
    })),
  );

  return {
    kind: request.kind,
    filter: request.filter,
    page,
    pageCount,
    total: all.length,
    projects: matching.map((l) => ({
      project: l.project,
      quota: l.quota,
      matching: l.services.length,
      error: l.error === undefined ? undefined : userMessageOf(l.error),
    })),
    services: onPage.map(({ projectId, service }, i) => ({
      projectId,
      service,
      owners: owners[i],
      connections: connections[i],
    })),
    ownersUnavailable,
    ownerLabels,
    sandbox: deps.sandbox,
  };
}
