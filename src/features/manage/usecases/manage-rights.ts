/**
 * Who may change a service: its owners (users, or members of its owner groups) and the bot admins,
 * decided by immutable Slack user IDs, always before any cloud write. A refusal names who may.
 * Someone who may not is refused from Redis alone, before any cloud call, whether they name the
 * service by ID or by name (names the bot has seen are indexed with the records).
 */

import type { Permissions } from '../../../access/permissions.js';
import type { ServiceRecord, ServiceRecords } from '../../../access/service-records.js';
import { isServiceId } from '../../../cloud/service-lookup.js';
import type { EndpointService } from '../../../cloud/types.js';
import { code, groupMention, userMention } from '../../../domain/mrkdwn.js';
import { ForbiddenError } from '../../../platform/errors/app-error.js';
import type { Logger } from '../../../platform/logging/logger.js';
import type { ManageDeps } from '../manage-deps.js';
import { rememberNames } from './service-names.js';

/** The service a right is asked for: where it lives, and how to name it in a refusal. */
export interface ServiceRef {
  readonly projectId: string;
  readonly serviceId: string;
  readonly label: string;
  /** The service as the cloud just reported it, when it was read (its name is remembered then). */
  readonly seen?: { readonly name: string | undefined };
}

export interface RightsDeps {
  readonly permissions: Permissions;
  readonly records: ServiceRecords;
  readonly admins: readonly string[];
  readonly logger: Logger;
}

function adminsText(admins: readonly string[]): string {
  return admins.length
    ? `the bot admins (${admins.map((a) => userMention(a)).join(', ')})`
    : 'the bot admins';
}

function whoMay(record: ServiceRecord | undefined, admins: readonly string[]): string {
  const owners = [
    ...(record?.owners.users ?? []).map((u) => userMention(u)),
    ...(record?.owners.groups ?? []).map((g) => `members of ${groupMention(g)}`),
  ];
  if (owners.length === 0)
    return `It has no owners recorded, so only ${adminsText(admins)} may; an admin can assign owners with \`/vpcep owners\`.`;
  return `Only its owners (${owners.join(', ')}) and ${adminsText(admins)} may.`;
}

/** The refusal for `userId` doing `what` (a phrase: "delete", "edit", "change the whitelist of"). */
export class ManageForbiddenError extends ForbiddenError {
  constructor(
    what: string,
    serviceLabel: string,
    record: ServiceRecord | undefined,
    admins: readonly string[],
    why: string = whoMay(record, admins),
  ) {
    super(`:no_entry: You may not ${what} ${code(serviceLabel)}. ${why}`);
  }
}

/**
 * The service's record when `userId` may manage it; throws `ManageForbiddenError` otherwise.
 * Redis being away surfaces as `StateUnavailableError` (nothing is changed then either).
 */
export async function requireManage(
  deps: RightsDeps,
  userId: string,
  ref: ServiceRef,
  what: string,
): Promise<ServiceRecord | undefined> {
  const record = await deps.records.get(ref.projectId, ref.serviceId);
  if (ref.seen)
    await rememberNames(deps, [
      { projectId: ref.projectId, service: { id: ref.serviceId, name: ref.seen.name }, record },
    ]);
  if (await deps.permissions.canManage(userId, record?.owners)) return record;
  throw new ManageForbiddenError(what, ref.label, record, deps.admins);
}

/** The `ServiceRef` of a service just read from the cloud. */
function refOf(projectId: string, service: { id: string; name: string | undefined }): ServiceRef {
  return {
    projectId,
    serviceId: service.id,
    label: service.name ?? service.id,
    seen: { name: service.name },
  };
}

/** The full name the cloud gives a service: `region.name.id`. */
const FULL_NAME = /\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;

/** The service ID a typed reference contains (an ID, or a full name ending in one). */
export function idInRef(ref: string): string | undefined {
  const trimmed = ref.trim();
  if (isServiceId(trimmed)) return trimmed;
  return trimmed.match(FULL_NAME)?.[1];
}

type PrecheckDeps = RightsDeps & {
  readonly cloud: { readonly projects: readonly { readonly projectId: string }[] };
};

/** Whether `userId` owns any service at all (as a user, or through one of the owner groups). */
async function ownsAnyService(deps: PrecheckDeps, userId: string): Promise<boolean> {
  const records = (
    await Promise.all(deps.cloud.projects.map(({ projectId }) => deps.records.list(projectId)))
  ).flat();
  if (records.some((r) => r.owners.users.includes(userId))) return true;
  const groups = [...new Set(records.flatMap((r) => r.owners.groups))];
  return groups.length > 0 && deps.permissions.isOwner(userId, { users: [], groups });
}

/**
 * Refuses, from Redis alone, someone who may not manage the service `ref` names, so a refusal costs
 * no cloud call at all. An ID (or full name) is decided by its record; a name by the records of the
 * services last seen with that name. A name the bot has not seen yet needs the cloud to resolve: it
 * goes on (the caller checks again after the lookup) only for someone who owns some service.
 */
export async function precheckManage(
  deps: PrecheckDeps,
  userId: string,
  ref: string,
  what: string,
  label = ref.trim(),
): Promise<void> {
  if (deps.permissions.isAdmin(userId)) return;
  const serviceId = idInRef(ref);
  const projects = deps.cloud.projects.map((p) => p.projectId);
  const records = serviceId
    ? (await Promise.all(projects.map((p) => deps.records.get(p, serviceId)))).filter(
        (r): r is ServiceRecord => r !== undefined,
      )
    : (await Promise.all(projects.map((p) => deps.records.findByName(p, ref.trim())))).flat();
  for (const record of records) if (await deps.permissions.canManage(userId, record.owners)) return;
  if (serviceId || records.length > 0) throw new ManageForbiddenError(what, label, records[0], deps.admins);
  if (await ownsAnyService(deps, userId)) return;
  throw new ManageForbiddenError(
    what,
    label,
    undefined,
    deps.admins,
    `You own no endpoint service (yourself or through a user group), so only its owners and ${adminsText(deps.admins)} may. ${code(`/vpcep show ${label}`)} names its owners.`,
  );
}

/** A service `userId` may manage, as the cloud just reported it, with its record. */
export interface ManagedService {
  readonly projectId: string;
  readonly service: EndpointService;
  readonly record: ServiceRecord | undefined;
}

/**
 * The service `ref` (ID or name) names, for `userId` to do `what` to it: refused from Redis alone
 * when it can be (before any cloud call), else checked against the service found.
 */
export async function findManaged(
  deps: ManageDeps,
  userId: string,
  ref: string,
  what: string,
): Promise<ManagedService> {
  await precheckManage(deps, userId, ref, what);
  const { projectId, service } = await deps.lookup.find(ref);
  const record = await requireManage(deps, userId, refOf(projectId, service), what);
  return { projectId, service, record };
}

/** The same for a service known by project and ID (a button's value); `label` names it in a refusal. */
export async function getManaged(
  deps: ManageDeps,
  userId: string,
  projectId: string,
  serviceId: string,
  what: string,
  label = serviceId,
): Promise<ManagedService> {
  await precheckManage(deps, userId, serviceId, what, label);
  const service = await deps.cloud.project(projectId).getService(serviceId);
  const record = await requireManage(deps, userId, refOf(projectId, service), what);
  return { projectId, service, record };
}
