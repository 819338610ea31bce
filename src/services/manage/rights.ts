/**
 * Who may change a service: its owners (users, or members of its owner groups) and the bot admins,
 * decided by immutable Slack user IDs, always before any cloud write. A refusal names who may.
 */
import { ForbiddenError } from '../../errors/app-error.js';
import type { ServiceRecord, ServiceRecords } from '../../stores/service-records.js';
import type { Permissions } from '../permissions.js';

/** The service a right is asked for: where it lives, and how to name it in a refusal. */
export interface ServiceRef {
  readonly projectId: string;
  readonly serviceId: string;
  readonly label: string;
}

export interface RightsDeps {
  readonly permissions: Permissions;
  readonly records: ServiceRecords;
  readonly admins: readonly string[];
}

function whoMay(record: ServiceRecord | undefined, admins: readonly string[]): string {
  const owners = [
    ...(record?.owners.users ?? []).map((u) => `<@${u}>`),
    ...(record?.owners.groups ?? []).map((g) => `members of <!subteam^${g}>`),
  ];
  const adminText = admins.length
    ? `the bot admins (${admins.map((a) => `<@${a}>`).join(', ')})`
    : 'the bot admins';
  if (owners.length === 0)
    return `It has no owners recorded, so only ${adminText} may; an admin can assign owners with \`/vpcep owners\`.`;
  return `Only its owners (${owners.join(', ')}) and ${adminText} may.`;
}

/** The refusal for `userId` doing `what` (a phrase: "delete", "edit", "change the whitelist of"). */
export class ManageForbiddenError extends ForbiddenError {
  constructor(
    what: string,
    serviceLabel: string,
    record: ServiceRecord | undefined,
    admins: readonly string[],
  ) {
    super(`:no_entry: You may not ${what} \`${serviceLabel}\`. ${whoMay(record, admins)}`);
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
  if (await deps.permissions.canManage(userId, record?.owners)) return record;
  throw new ManageForbiddenError(what, ref.label, record, deps.admins);
}

/** The `ServiceRef` of a found service. */
export function refOf(projectId: string, service: { id: string; name: string | undefined }): ServiceRef {
  return { projectId, serviceId: service.id, label: service.name ?? service.id };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Refuses, from Redis alone, someone who may not manage the service a typed ID names, so a refusal
 * costs no cloud call at all. Names need the cloud to resolve; they are checked after the lookup.
 */
export async function precheckManage(
  deps: RightsDeps & { readonly cloud: { readonly projects: readonly { readonly projectId: string }[] } },
  userId: string,
  ref: string,
  what: string,
  label = ref.trim(),
): Promise<void> {
  if (!UUID.test(ref.trim()) || deps.permissions.isAdmin(userId)) return;
  const serviceId = ref.trim();
  const records = await Promise.all(
    deps.cloud.projects.map(({ projectId }) => deps.records.get(projectId, serviceId)),
  );
  const record = records.find((r) => r !== undefined);
  if (record && (await deps.permissions.canManage(userId, record.owners))) return;
  throw new ManageForbiddenError(what, label, record, deps.admins);
}
