/**
 * App Home: the services a person owns (directly, through an owner group, or as creator), the approval
 * requests waiting for their decision, and the quota of every project. Parts that fail are shown as
 * unavailable; one slow project does not blank the page.
 */

import type { ServiceRecord } from '../../../access/service-records.js';
import type { EndpointService, Quota } from '../../../cloud/types.js';
import type { OtcProject } from '../../../platform/config/config-types.js';
import { userMessageOf } from '../../../platform/errors/app-error.js';
import type { ApprovalRequest } from '../../approvals/public.js';
import { mayDecide } from '../../approvals/public.js';
import type { ManageDeps } from '../manage-deps.js';
import { anyError, type Refusal, refusedOr } from './manage-refusals.js';
import { compareServices } from './service-filter.js';
import { rememberNames } from './service-names.js';

export type HomeRole = 'owner' | 'group owner' | 'creator';

export interface HomeService {
  readonly project: OtcProject;
  readonly service: EndpointService;
  readonly roles: readonly HomeRole[];
}

export interface HomeProject {
  readonly project: OtcProject;
  readonly quota: Quota | undefined;
  /** Services in the project (all of them, not only the person's). */
  readonly count: number | undefined;
  readonly error: string | undefined;
}

export interface HomeData {
  readonly userId: string;
  readonly isAdmin: boolean;
  readonly sandbox: boolean;
  readonly projects: readonly HomeProject[];
  readonly services: readonly HomeService[];
  /**
   * Why the person's services may be incomplete: the records (Redis) or a project's services could
   * not be read. Empty when the list is whole.
   */
  readonly servicesProblems: readonly string[];
  readonly approvals: readonly ApprovalRequest[];
  /** Why the approvals could not be read, if they could not. */
  readonly approvalsError: string | undefined;
  /** More than one project is configured. */
  readonly multiProject: boolean;
}

async function settle<T>(load: () => Promise<T>): Promise<{ value?: T; error?: string }> {
  try {
    return { value: await load() };
  } catch (err) {
    return { error: userMessageOf(err) };
  }
}

/** The person's roles for a record; group membership is resolved once per group. */
async function rolesFor(
  userId: string,
  record: ServiceRecord,
  groupMember: (group: string) => Promise<boolean>,
): Promise<HomeRole[]> {
  const roles: HomeRole[] = [];
  if (record.owners.users.includes(userId)) roles.push('owner');
  else {
    for (const group of record.owners.groups) {
      if (await groupMember(group)) {
        roles.push('group owner');
        break;
      }
    }
  }
  if (record.createdBy === userId) roles.push('creator');
  return roles;
}

async function loadProject(deps: ManageDeps, project: OtcProject) {
  // From the service cache: a Home opened or refreshed by many people lists the services once per 5 s.
  const [services, quota, records] = await Promise.all([
    settle(() => deps.cache.services(project.projectId)),
    settle(() => deps.cache.quota(project.projectId)),
    settle(() => deps.records.list(project.projectId)),
  ]);
  return { project, services, quota, records };
}

async function loadApprovals(deps: ManageDeps, userId: string) {
  // The approvals feature's own rights check: owners and admins, never a workflow's requester.
  return settle(() => deps.approvals.listPendingDecidableBy(userId, mayDecide(deps)));
}

type ProjectLoad = Awaited<ReturnType<typeof loadProject>>;

/** Why the list of the person's services is not whole (the same problem named once). */
function servicesProblems(listings: readonly ProjectLoad[]): string[] {
  const problems = new Set<string>();
  for (const { project, services, records } of listings) {
    if (records.error) problems.add(`Who owns what is unavailable: ${records.error}`);
    else if (services.error)
      problems.add(`The services of ${project.label} are unavailable: ${services.error}`);
  }
  return [...problems];
}

async function loadHome(deps: ManageDeps, userId: string): Promise<HomeData> {
  const memberships = new Map<string, Promise<boolean>>();
  const groupMember = (group: string) => {
    let known = memberships.get(group);
    if (!known) {
      known = deps.permissions.isOwner(userId, { users: [], groups: [group] }).catch(() => false);
      memberships.set(group, known);
    }
    return known;
  };
  const [listings, approvals] = await Promise.all([
    Promise.all(deps.cloud.projects.map((project) => loadProject(deps, project))),
    loadApprovals(deps, userId),
  ]);
  const services: HomeService[] = [];
  for (const { project, services: listed, records } of listings) {
    const byId = new Map((listed.value ?? []).map((s) => [s.id, s]));
    const seen = (records.value ?? []).flatMap((record) => {
      const service = byId.get(record.serviceId);
      return service ? [{ projectId: project.projectId, service, record }] : [];
    });
    await rememberNames(deps, seen);
    for (const { service, record } of seen) {
      const roles = await rolesFor(userId, record, groupMember);
      if (roles.length > 0) services.push({ project, service, roles });
    }
  }
  services.sort((a, b) => compareServices(a.service, b.service));
  return {
    userId,
    isAdmin: deps.permissions.isAdmin(userId),
    sandbox: deps.sandbox,
    projects: listings.map(({ project, services: listed, quota }) => ({
      project,
      quota: quota.value,
      count: listed.value?.length,
      error: listed.error ?? quota.error,
    })),
    services,
    servicesProblems: servicesProblems(listings),
    approvals: approvals.value ?? [],
    approvalsError: approvals.error,
    multiProject: deps.cloud.projects.length > 1,
  };
}

/** The person's Home, or why it cannot be built (shown on the tab in its place). */
export function homeScreen(deps: ManageDeps, userId: string): Promise<HomeData | Refusal> {
  return refusedOr(() => loadHome(deps, userId), anyError);
}
